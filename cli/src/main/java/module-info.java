/**
 * The {@code weft} command line: {@code weft topology} reports the machine as the topology provider sees it,
 * {@code weft bench} measures Weft's pool beside {@link java.util.concurrent.ForkJoinPool}. It reaches the
 * scheduler and the topology providers only through the API ({@code dev.weft.Weft}), never by name.
 */
module dev.weft.cli {
    requires dev.weft;
    requires dev.weft.kernels;
    requires info.picocli;

    // picocli fills the annotated command objects reflectively.
    opens dev.weft.cli to info.picocli;
}
