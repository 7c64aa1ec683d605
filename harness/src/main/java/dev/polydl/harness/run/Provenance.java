package dev.polydl.harness.run;

/**
 * Where and with which polydl code a cell or portability run is measured. Part of its spec: a result
 * from another machine or another build is not this cell's result, and runs again.
 */
public record Provenance(Machine machine, String polydlBuild) {
}
