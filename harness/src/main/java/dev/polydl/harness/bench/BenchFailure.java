package dev.polydl.harness.bench;

import java.util.Map;

/** A benchmark that threw, so JMH has no result for it: its method and parameters. */
public record BenchFailure(String method, Map<String, String> params) {
}
