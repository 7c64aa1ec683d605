package dev.polydl.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.polydl.common.Device;
import dev.polydl.common.DeviceSupport;
import dev.polydl.common.EngineSetting;
import dev.polydl.common.InputLayout;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanTest {
    static final Provenance HERE = new Provenance(MachineTest.ZEN4, "0123456789ab");

    private static final List<String> FRAMEWORKS = List.of("tensorflow", "pytorch", "mxnet", "dl4j");
    private static final DataSpec SAMPLE = new DataSpec(DataSpec.MNIST_SAMPLE, null, null, 42);

    private static final EngineSetting PASSIVE = EngineSetting.environment("passive", "test", Map.of("OMP_WAIT_POLICY", "PASSIVE"));

    @Test
    void everyCellRunsInItsFrameworksEngineEnvironment() {
        for (CellSpec cell : Plan.cells(request(1, true), descriptions())) {
            EngineEnvironment environment = cell.environment();
            if (cell.framework().equals("dl4j")) {
                assertEquals(Map.of("OMP_WAIT_POLICY", "PASSIVE"), environment.environment(), cell.id());
                assertEquals(List.of("passive"), environment.settings(), cell.id());
            } else {
                assertEquals(Map.of(), environment.environment(), cell.id());
            }
            assertEquals(EngineEnvironment.JVM_OPTIONS, environment.jvmOptions().subList(0, EngineEnvironment.JVM_OPTIONS.size()));
        }
    }

    @Test
    void aCellMeasuredInAnotherEngineEnvironmentIsAnotherCell() {
        CellSpec cell = Plan.cells(request(1, false), descriptions()).stream().filter(c -> c.framework().equals("dl4j")).findFirst()
                .orElseThrow();
        CellSpec outOfTheBox = new CellSpec(cell.id(), cell.framework(), cell.task(), cell.device(), cell.layout(), cell.repeat(),
                cell.seed(), cell.epochs(), cell.maxSteps(), cell.batchSize(), cell.optimizer(), cell.learningRate(), cell.threads(),
                cell.warmUpSeconds(), cell.data(), EngineEnvironment.outOfTheBox(List.of(PASSIVE)), cell.provenance());
        assertNotEquals(cell, outOfTheBox);
    }

    @Test
    void whatADeviceNeedsJoinsTheEnvironmentOfItsCellsOnly() {
        // a -Pgpu DL4J build: CPU workers ask ND4J for its CPU backend first, GPU workers do not
        var devices = List.of(DeviceSupport.usable(Device.CPU, "test").withEnvironment(Map.of("BACKEND_PRIORITY_CPU", "1000")),
                DeviceSupport.usable(Device.GPU, "test"));
        var dl4j = new FrameworkDescription("dl4j", "DL4J", "1", "1", devices, List.of(InputLayout.CHANNELS_FIRST), List.of(PASSIVE));
        assertEquals(Map.of("OMP_WAIT_POLICY", "PASSIVE", "BACKEND_PRIORITY_CPU", "1000"), dl4j.environment(Device.CPU).environment());
        assertEquals(Map.of("OMP_WAIT_POLICY", "PASSIVE"), dl4j.environment(Device.GPU).environment());
        assertEquals(Map.of("BACKEND_PRIORITY_CPU", "1000"), dl4j.environment(Device.CPU, 0).environment(), "every rung of the ladder");
        var descriptions = new java.util.HashMap<>(descriptions());
        descriptions.put("dl4j", dl4j);
        Plan.cells(request(1, false), descriptions).stream().filter(c -> c.framework().equals("dl4j"))
                .forEach(c -> assertEquals("1000", c.environment().environment().get("BACKEND_PRIORITY_CPU"), c.id()));
    }

    private static Map<String, FrameworkDescription> descriptions() {
        var cpu = List.of(DeviceSupport.usable(Device.CPU, "test"));
        var both = List.of(InputLayout.CHANNELS_FIRST, InputLayout.CHANNELS_LAST);
        var first = List.of(InputLayout.CHANNELS_FIRST);
        return Map.of(
                "tensorflow", new FrameworkDescription("tensorflow", "TF", "1", "1", cpu, both, List.of()),
                "pytorch", new FrameworkDescription("pytorch", "PT", "1", "1", cpu, first, List.of()),
                "mxnet", new FrameworkDescription("mxnet", "MX", "1", "1", cpu, first, List.of()),
                "dl4j", new FrameworkDescription("dl4j", "DL4J", "1", "1", cpu, both, List.of(PASSIVE)));
    }

    private static Plan.Request request(int repeats, boolean layouts) {
        return new Plan.Request(FRAMEWORKS, List.of("fcn", "cnn", "argsort", "transfer"), Device.CPU, null, null, null, null, 42, 2, 30, repeats,
                SAMPLE, layouts, HERE);
    }

    @Test
    void defaultMatrixIsEveryFrameworkOnEveryTaskPlusChannelsLastWhereBuilt() {
        List<CellSpec> cells = Plan.cells(request(1, true), descriptions());
        assertEquals(4 * 4 + 2, cells.size());
        assertEquals(cells.size(), cells.stream().map(CellSpec::id).distinct().count(), "ids are unique");
        List<CellSpec> variants = cells.stream().filter(c -> c.layout().equals("channels-last")).toList();
        assertEquals(Set.of("tensorflow", "dl4j"), Set.copyOf(variants.stream().map(CellSpec::framework).toList()));
        variants.forEach(v -> assertEquals(Plan.LAYOUT_VARIANT_STEPS, v.maxSteps()));
        variants.forEach(v -> assertEquals("cnn", v.task(), "the transfer network is the CNN: its layouts are compared once"));
        CellSpec fcn = cells.get(0);
        assertEquals(Plan.DEFAULTS.get("fcn").epochs(), fcn.epochs());
        assertEquals("adam", fcn.optimizer());
        CellSpec argsort = cells.stream().filter(CellSpec::isArgsort).findFirst().orElseThrow();
        assertEquals("sgd", argsort.optimizer());
        CellSpec transfer = cells.get(cells.size() - 1);
        assertTrue(transfer.isTransfer());
        assertEquals(Plan.DEFAULTS.get("transfer").epochs(), transfer.epochs());
    }

    @Test
    void frameworksInARepeatShareTheSeedAndRepeatsDiffer() {
        List<CellSpec> cells = Plan.cells(request(3, false), descriptions());
        assertEquals(4 * 4 * 3, cells.size());
        Set<Long> seeds = new HashSet<>();
        for (int repeat = 1; repeat <= 3; repeat++) {
            int r = repeat;
            Set<Long> inRepeat = new HashSet<>(cells.stream().filter(c -> c.repeat() == r).map(CellSpec::seed).toList());
            assertEquals(1, inRepeat.size(), "one seed per repeat");
            seeds.addAll(inRepeat);
        }
        assertEquals(3, seeds.size());
    }

    @Test
    void explicitOptionsOverrideEveryTasksDefault() {
        var request = new Plan.Request(FRAMEWORKS, List.of("fcn", "argsort"), Device.CPU, 2, 16, "sgd", 0.05, 1, 1, 30, 1, SAMPLE, true, HERE);
        for (CellSpec cell : Plan.cells(request, descriptions())) {
            assertEquals(2, cell.epochs());
            assertEquals(16, cell.batchSize());
            assertEquals("sgd", cell.optimizer());
            assertEquals(0.05, cell.learningRate());
        }
    }

    @Test
    void anotherOptimizerWithoutARateGetsItsOwnDefaultRateNotTheTasks() {
        var sgd = new Plan.Request(FRAMEWORKS, List.of("fcn", "argsort"), Device.CPU, null, null, "sgd", null, 1, 1, 30, 1, SAMPLE, false, HERE);
        List<CellSpec> sgdCells = Plan.cells(sgd, descriptions());
        sgdCells.stream().filter(c -> c.task().equals("fcn")).forEach(c -> assertEquals(0.01, c.learningRate(), c.id()));
        sgdCells.stream().filter(c -> c.task().equals("argsort")).forEach(c -> assertEquals(0.5, c.learningRate(), c.id()));
        assertEquals(List.of("fcn: 8 epochs, batch 32, sgd at learning rate 0.01 (sgd's default rate: the task's own 0.001 is for adam)",
                "argsort: 500 epochs, batch 10000, sgd at learning rate 0.5"), Plan.describeTasks(sgd, sgdCells));
        // the same rate given with --lr is the user's, not the optimizer's default
        var explicit = new Plan.Request(FRAMEWORKS, List.of("fcn"), Device.CPU, null, null, "sgd", 0.01, 1, 1, 30, 1, SAMPLE, false, HERE);
        assertEquals(List.of("fcn: 8 epochs, batch 32, sgd at learning rate 0.01"), Plan.describeTasks(explicit, Plan.cells(explicit, descriptions())));

        var adam = new Plan.Request(FRAMEWORKS, List.of("argsort"), Device.CPU, null, null, "adam", null, 1, 1, 30, 1, SAMPLE, false, HERE);
        Plan.cells(adam, descriptions()).forEach(c -> assertEquals(1e-3, c.learningRate(), c.id()));
    }

    @Test
    void shardsPartitionTheMatrix() {
        List<CellSpec> cells = Plan.cells(request(2, true), descriptions());
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int i = 1; i <= 3; i++) {
            List<CellSpec> shard = Plan.shard(cells, i, 3);
            total += shard.size();
            shard.forEach(cell -> assertTrue(seen.add(cell.id()), cell.id() + " is in two shards"));
        }
        assertEquals(cells.size(), total);
    }

    @Test
    void shardSyntaxIsChecked() {
        assertEquals(2, Plan.parseShard("2/3")[0]);
        for (String bad : List.of("0/3", "4/3", "1/0", "a/b", "1", "1/2/3")) {
            assertThrows(IllegalArgumentException.class, () -> Plan.parseShard(bad), bad);
        }
    }
}
