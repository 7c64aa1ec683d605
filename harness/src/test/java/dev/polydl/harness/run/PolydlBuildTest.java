package dev.polydl.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolydlBuildTest {
    @TempDir
    Path repo;

    private void git(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=t", "-c", "user.email=t@t"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }

    @Test
    void aCleanCheckoutIsItsCommitAndChangedCodeIsDirtyByContent() throws Exception {
        git("init", "-q");
        Files.createDirectories(repo.resolve("src"));
        Files.createDirectories(repo.resolve("results"));
        Files.writeString(repo.resolve("src/A.java"), "class A {}\n");
        Files.writeString(repo.resolve("results/REPORT.md"), "old\n");
        git("add", "-A");
        git("commit", "-q", "-m", "one");
        String clean = PolydlBuild.of(repo);
        assertTrue(clean.matches("[0-9a-f]{12}"), clean);

        Files.writeString(repo.resolve("results/REPORT.md"), "regenerated\n");
        assertEquals(clean, PolydlBuild.of(repo), "rewritten results are not a code change");
        git("commit", "-q", "-am", "results regenerated");
        assertEquals(clean, PolydlBuild.of(repo), "nor is committing them: the build is the last commit that changed code");

        Files.writeString(repo.resolve("src/A.java"), "class A { int x; }\n");
        String dirty = PolydlBuild.of(repo);
        assertTrue(dirty.matches(clean + "\\+dirty\\.[0-9a-f]{8}"), dirty);
        Files.writeString(repo.resolve("src/A.java"), "class A { int y; }\n");
        assertNotEquals(dirty, PolydlBuild.of(repo), "two different changes are two builds");
    }

    @Test
    void aFolderOutsideGitSaysSo() {
        assertEquals(PolydlBuild.UNKNOWN, PolydlBuild.of(repo));
    }
}
