/**
 * Weft for Guice: {@link dev.weft.guice.WeftModule} binds a {@link dev.weft.WeftPool}, the same pool as
 * {@link java.util.concurrent.ExecutorService}, and its {@link dev.weft.topology.Topology}, each a singleton
 * per injector; {@link dev.weft.guice.WeftLifecycle} closes the pool when the application stops.
 *
 * <p>Module graph notes. Guice 7 is an automatic module ({@code Automatic-Module-Name: com.google.guice} in its
 * manifest), so it declares no dependencies. Its API extends {@code jakarta.inject}, an explicit module
 * ({@code com.google.inject.Provider extends jakarta.inject.Provider}): this module must require it to compile,
 * and requiring it also puts it in the module graph of every application that requires this module, which
 * nothing else would do on the module path. Guice's own dependencies (Guava, aopalliance) may sit on the class
 * path or the module path. Nothing is opened: the bindings use provider instances, so Guice never reflects on
 * the classes of this package.
 */
@SuppressWarnings("requires-transitive-automatic") // Guice 7 ships no module-info; its name is stable
module dev.weft.guice {
    requires transitive dev.weft;           // PoolConfig, WeftPool and Topology appear in this module's API
    requires transitive com.google.guice;   // WeftModule extends AbstractModule
    requires transitive jakarta.inject;     // see above; users' @Inject needs it as well

    exports dev.weft.guice;
}
