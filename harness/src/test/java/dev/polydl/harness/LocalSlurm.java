package dev.polydl.harness;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node Slurm cluster on localhost for one test, without systemd: a fresh munge key and its own
 * {@code munged}, then {@code slurmctld} and {@code slurmd} in the foreground with every state, spool, pid and log
 * path inside one folder, ports of their own, no accounting. {@link #close()} cancels its jobs and stops the three
 * daemons it started, by their pids. Commands reach it through {@link #environment()} ({@code SLURM_CONF}).
 */
final class LocalSlurm implements AutoCloseable {
    private static final List<String> DAEMONS = List.of("munged", "slurmctld", "slurmd");
    private static final List<String> CLIENTS = List.of("sbatch", "scontrol", "sinfo", "scancel");
    private static final List<String> PACKAGES = List.of("munge", "slurmctld", "slurmd", "slurm-client");
    private static final List<String> TERMINAL_STATES = List.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL",
            "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE", "PREEMPTED");

    private final Path folder;
    private final List<Process> daemons = new ArrayList<>();

    private LocalSlurm(Path folder) {
        this.folder = folder;
    }

    /**
     * Why no cluster can be brought up here; empty when one can. Debian's packages are installed when missing.
     */
    static Optional<String> unavailable() throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("a single-node Slurm needs root: slurmd starts the jobs and munged guards root's key");
        }
        if (missingCommands().isEmpty()) {
            return Optional.empty();
        }
        if (find("apt-get").isEmpty()) {
            return Optional.of("Slurm and munge are not installed (" + missingCommands() + " missing) and there is no apt-get to install "
                    + String.join(" ", PACKAGES));
        }
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-qq"));
        install.addAll(PACKAGES);
        if (run(install, Map.of(), Duration.ofMinutes(10)).status() != 0) {
            run(List.of("apt-get", "update", "-qq"), Map.of(), Duration.ofMinutes(5));
            Result second = run(install, Map.of(), Duration.ofMinutes(10));
            if (second.status() != 0) {
                return Optional.of("installing " + PACKAGES + " failed: " + second.lastLine());
            }
        }
        List<String> still = missingCommands();
        return still.isEmpty() ? Optional.empty() : Optional.of(still + " still missing after installing " + PACKAGES);
    }

    static LocalSlurm start(Path folder) throws IOException, InterruptedException {
        LocalSlurm slurm = new LocalSlurm(folder);
        try {
            slurm.bringUp();
            return slurm;
        } catch (IOException | InterruptedException | RuntimeException e) {
            slurm.close();
            throw e;
        }
    }

    private void bringUp() throws IOException, InterruptedException {
        for (String sub : List.of("state", "spool", "log")) {
            Files.createDirectories(folder.resolve(sub));
        }
        // munged refuses a socket in a folder that not everyone may enter
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path key = folder.resolve("munge.key");
        byte[] secret = new byte[1024];
        new SecureRandom().nextBytes(secret);
        Files.write(key, secret);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
        Path socket = folder.resolve("munge.socket");
        daemon(List.of(command("munged"), "--foreground", "--socket=" + socket, "--key-file=" + key, "--pid-file=" + folder.resolve("munged.pid"),
                "--log-file=" + folder.resolve("log/munged.log"), "--seed-file=" + folder.resolve("munged.seed")), "munged");
        await("munged's socket", Duration.ofSeconds(30), () -> Files.exists(socket));

        Result node = run(List.of(command("slurmd"), "-C"), Map.of(), Duration.ofSeconds(30));
        String nodeLine = node.output().lines().filter(line -> line.startsWith("NodeName=")).findFirst()
                .orElseThrow(() -> new IllegalStateException("slurmd -C printed no node line: " + node.output()));
        String conf = String.join("\n",
                "ClusterName=polydl-test",
                "SlurmctldHost=localhost",
                "SlurmctldPort=" + freePort(),
                "SlurmdPort=" + freePort(),
                "AuthType=auth/munge",
                "CredType=cred/munge",
                "AuthInfo=socket=" + socket,
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_Core",
                "MpiDefault=none",
                "SlurmUser=root",
                "StateSaveLocation=" + folder.resolve("state"),
                "SlurmdSpoolDir=" + folder.resolve("spool"),
                "SlurmctldPidFile=" + folder.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + folder.resolve("slurmd.pid"),
                "SlurmctldLogFile=" + folder.resolve("log/slurmctld.log"),
                "SlurmdLogFile=" + folder.resolve("log/slurmd.log"),
                "AccountingStorageType=accounting_storage/none",
                "JobAcctGatherType=jobacct_gather/none",
                "ReturnToService=2",
                // finished jobs stay visible to scontrol for the test to read their states
                "MinJobAge=3600",
                nodeLine + " NodeAddr=127.0.0.1 State=UNKNOWN",
                "PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
                "");
        Files.writeString(conf(), conf);
        daemon(List.of(command("slurmctld"), "-D", "-i", "-f", conf().toString()), "slurmctld");
        daemon(List.of(command("slurmd"), "-D", "-f", conf().toString()), "slurmd");
        await("the node to be idle", Duration.ofSeconds(60),
                () -> run(List.of(command("sinfo"), "-h", "-o", "%t"), environment(), Duration.ofSeconds(10)).output().trim().equals("idle"));
    }

    Path conf() {
        return folder.resolve("slurm.conf");
    }

    /** What a command needs to talk to this cluster. */
    Map<String, String> environment() {
        return Map.of("SLURM_CONF", conf().toString());
    }

    /** Waits until every job (an array's every task) has ended; returns each one's state, "12_1" for an array task. */
    Map<String, String> awaitEnd(List<String> jobs, Duration limit) throws IOException, InterruptedException {
        Map<String, String> states = new HashMap<>();
        await("jobs " + jobs + " to end", limit, () -> {
            states.clear();
            for (String job : jobs) {
                Result shown = run(List.of(command("scontrol"), "-o", "show", "job", job), environment(), Duration.ofSeconds(30));
                for (String line : shown.output().lines().toList()) {
                    Map<String, String> fields = fields(line);
                    String id = fields.containsKey("ArrayTaskId") ? fields.get("ArrayJobId") + "_" + fields.get("ArrayTaskId") : fields.get("JobId");
                    states.put(id, fields.get("JobState"));
                }
            }
            return !states.isEmpty() && states.values().stream().allMatch(TERMINAL_STATES::contains);
        });
        return Map.copyOf(states);
    }

    /** The daemons' logs, for a failure message. */
    String logs() throws IOException {
        return tails(folder.resolve("log"), 15);
    }

    /** The last lines of every file in a folder (none when it does not exist), for a failure message. */
    static String tails(Path logs, int lines) throws IOException {
        if (!Files.isDirectory(logs)) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.sorted().toList()) {
                List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
                text.append("--- ").append(log).append('\n')
                        .append(String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()))).append('\n');
            }
        }
        return text.toString();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (Files.isRegularFile(conf()) && find("scancel").isPresent()) {
            run(List.of(command("scancel"), "--user=" + System.getProperty("user.name")), environment(), Duration.ofSeconds(30));
        }
        // slurmd first, so that no job starts while the controller goes; munged last, as both need it to stop cleanly
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Process daemon = daemons.get(i);
            List<ProcessHandle> children = daemon.descendants().toList();
            daemon.destroy();
            if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }
        daemons.clear();
    }

    private void daemon(List<String> command, String name) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("log/" + name + ".out").toFile()).start();
        daemons.add(process);
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String field : line.trim().split("\\s+")) {
            int equals = field.indexOf('=');
            if (equals > 0) {
                fields.put(field.substring(0, equals), field.substring(equals + 1));
            }
        }
        return fields;
    }

    private interface Check {
        boolean done() throws IOException, InterruptedException;
    }

    private static void await(String what, Duration limit, Check check) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!check.done()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + limit.toSeconds() + " s for " + what);
            }
            Thread.sleep(1000);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    record Result(int status, String output) {
        String lastLine() {
            return output.lines().reduce((first, last) -> last).orElse("no output");
        }
    }

    static Result run(List<String> command, Map<String, String> environment, Duration limit) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Path output = Files.createTempFile("polydl-slurm-", ".out");
        try {
            Process process = builder.redirectOutput(output.toFile()).start();
            if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return new Result(-1, command.get(0) + " took longer than " + limit.toSeconds() + " s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String command(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException(name + " not found")).toString();
    }

    private static List<String> missingCommands() {
        List<String> missing = new ArrayList<>();
        Stream.concat(DAEMONS.stream(), CLIENTS.stream()).filter(name -> find(name).isEmpty()).forEach(missing::add);
        return missing;
    }

    /** The daemons live in sbin, which a non-login shell's PATH may lack. */
    private static Optional<Path> find(String name) {
        List<String> folders = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        folders.addAll(List.of("/usr/sbin", "/sbin", "/usr/local/sbin"));
        return folders.stream().filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
    }
}
