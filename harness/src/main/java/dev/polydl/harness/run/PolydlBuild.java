package dev.polydl.harness.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Which polydl code measured a result: the last git commit that changed the code, and when the checkout
 * differs from it, a digest of the difference ("3f2a9c1d04b7+dirty.5e0c81aa"). Results, docs and Markdown
 * do not count: a run rewrites the results, and committing them or a README change measures nothing new.
 */
public final class PolydlBuild {
    static final String UNKNOWN = "unknown (not a git checkout)";
    private static final List<String> NOT_CODE = List.of(":(exclude)results", ":(exclude)docs", ":(exclude)*.md");

    private PolydlBuild() {
    }

    public static String of(Path home) {
        List<String> lastCodeCommit = new ArrayList<>(List.of("log", "-1", "--format=%h", "--abbrev=12", "--", "."));
        lastCodeCommit.addAll(NOT_CODE);
        String commit = git(home, lastCodeCommit);
        if (commit == null || commit.isBlank()) {
            return UNKNOWN;
        }
        List<String> diff = new ArrayList<>(List.of("diff", "HEAD", "--", "."));
        diff.addAll(NOT_CODE);
        String changes = git(home, diff);
        if (changes == null) {
            return UNKNOWN;
        }
        return changes.isEmpty() ? commit.trim() : commit.trim() + "+dirty." + digest(changes);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The command's standard output; null when git is missing, fails, or takes longer than 20 s. */
    private static String git(Path home, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", home.toString()));
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return null;
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
