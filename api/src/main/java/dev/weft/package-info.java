/**
 * Weft's public API: {@link dev.weft.Weft} builds a {@link dev.weft.WeftPool}, a drop-in
 * {@link java.util.concurrent.ExecutorService} whose tasks are {@link dev.weft.TaskHandle}s with
 * {@link dev.weft.Priority priorities}; {@link dev.weft.WeftRecursiveTask} and
 * {@link dev.weft.WeftRecursiveAction} serve code migrating from {@link java.util.concurrent.ForkJoinPool}.
 */
package dev.weft;
