package org.nathear.runner.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of docs/architecture.md, checked on the main classes of every module (the runner's
 * test class path holds them all). One rule per test, so a failure names the rule it breaks.
 */
class ModuleRulesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        // test classes come as folders (test-classes) or, after `package`, as test-jars (*-tests.jar)
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.nathear");
    }

    @Test
    void harnessApiDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("org.nathear.api..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nathear.tasks..", "org.nathear.baselines..",
                        "org.nathear.gram..", "org.nathear.results..", "org.nathear.runner..")
                .because("plugin authors compile against harness-api alone")
                .check(classes);
    }

    @Test
    void tasksDependOnTheApiOnly() {
        noClasses().that().resideInAPackage("org.nathear.tasks..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nathear.baselines..", "org.nathear.gram..",
                        "org.nathear.results..", "org.nathear.runner..")
                .because("tasks is a plugin module: harness-api is its only nathear dependency")
                .check(classes);
    }

    @Test
    void baselinesDependOnTheApiOnly() {
        noClasses().that().resideInAPackage("org.nathear.baselines..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nathear.tasks..", "org.nathear.gram..",
                        "org.nathear.results..", "org.nathear.runner..")
                .because("models-baselines is a plugin module: harness-api is its only nathear dependency")
                .check(classes);
    }

    @Test
    void gramDependsOnTheApiAndTheSimulatorOnly() {
        noClasses().that().resideInAPackage("org.nathear.gram..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nathear.baselines..", "org.nathear.results..",
                        "org.nathear.runner..")
                .because("models-gram uses harness-api and the Nat-HEAR simulator of tasks (online scene mixing) only")
                .check(classes);
    }

    @Test
    void resultsDependOnTheApiOnly() {
        noClasses().that().resideInAPackage("org.nathear.results..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nathear.tasks..", "org.nathear.baselines..",
                        "org.nathear.gram..", "org.nathear.runner..")
                .because("result files are read by tools that know no runner (leaderboard, check)")
                .check(classes);
    }

    @Test
    void theRunnerKnowsNoModelModule() {
        noClasses().that().resideInAPackage("org.nathear.runner..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nathear.baselines..", "org.nathear.gram..")
                .because("models reach the runner only through ServiceLoader (ModelPlugin, ModelProvider, CommandPlugin)")
                .check(classes);
    }

    @Test
    void djlIsConfinedToGram() {
        noClasses().that().resideOutsideOfPackage("org.nathear.gram..")
                .should().dependOnClassesThat().resideInAPackage("ai.djl..")
                .because("DJL and libtorch appear only in models-gram (docs/gram.md)")
                .check(classes);
    }

    @Test
    void onnxRuntimeIsConfinedToOnnxModelFolders() {
        noClasses().that().resideOutsideOfPackage("org.nathear.baselines.onnx..")
                .should().dependOnClassesThat().resideInAPackage("ai.onnxruntime..")
                .because("ONNX Runtime is loaded only for onnx: model folders")
                .check(classes);
    }

    @Test
    void tribuoIsConfinedToProbes() {
        noClasses().that().resideOutsideOfPackage("org.nathear.runner.probe..")
                .should().dependOnClassesThat().resideInAPackage("org.tribuo..")
                .because("probes are the one place that trains on embeddings")
                .check(classes);
    }

    @Test
    void picocliIsConfinedToCommandPackages() {
        noClasses().that().resideOutsideOfPackages("org.nathear.runner.cli..", "org.nathear.gram.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .because("command-line parsing stays in the command packages; the engine takes typed settings")
                .check(classes);
    }

    @Test
    void resultPackagesAreLayered() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("statistics").definedBy("org.nathear.results.statistics..")
                .layer("schema").definedBy("org.nathear.results.schema..")
                .layer("files").definedBy("org.nathear.results.files..")
                .layer("merge").definedBy("org.nathear.results.merge..")
                .layer("scores").definedBy("org.nathear.results.scores..")
                .layer("boards").definedBy("org.nathear.results.boards..")
                .layer("check").definedBy("org.nathear.results.check..")
                .whereLayer("statistics").mayNotAccessAnyLayer()
                .whereLayer("schema").mayOnlyAccessLayers("statistics")
                .whereLayer("files").mayOnlyAccessLayers("schema", "statistics")
                .whereLayer("merge").mayOnlyAccessLayers("files", "schema", "statistics")
                .whereLayer("scores").mayOnlyAccessLayers("merge", "files", "schema", "statistics")
                .whereLayer("boards").mayOnlyAccessLayers("scores", "merge", "files", "schema", "statistics")
                .whereLayer("check").mayOnlyAccessLayers("boards", "scores", "merge", "files", "schema", "statistics")
                .because("each results package has one job and builds only on the ones below it (docs/architecture.md)")
                .check(classes);
    }

    @Test
    void resultPackagesFormNoCycle() {
        slices().matching("org.nathear.results.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theSimulatorKnowsNoTaskFolder() {
        noClasses().that().resideInAnyPackage("org.nathear.tasks.acoustics..", "org.nathear.tasks.dsp..",
                        "org.nathear.tasks.hrtf..", "org.nathear.tasks.spatial.scene..", "org.nathear.tasks.spatial.noise..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nathear.tasks.spatial", "org.nathear.tasks.hear..",
                        "org.nathear.tasks.localization..", "org.nathear.tasks.demo..", "org.nathear.tasks.tut..",
                        "org.nathear.tasks.catalogue..")
                .because("rooms, receivers, convolution and scenes are a simulator that GRAM training uses too; "
                        + "writing HEAR task folders builds on it, never the other way round")
                .check(classes);
    }

    @Test
    void signalProcessingDependsOnNoOtherTasksPackage() {
        noClasses().that().resideInAPackage("org.nathear.tasks.dsp..")
                .should().dependOnClassesThat().resideInAnyPackage("org.nathear.tasks.acoustics..",
                        "org.nathear.tasks.hrtf..", "org.nathear.tasks.spatial..", "org.nathear.tasks.hear..",
                        "org.nathear.tasks.localization..", "org.nathear.tasks.demo..", "org.nathear.tasks.tut..",
                        "org.nathear.tasks.catalogue..")
                .because("FFT plans and the one FFT convolution are shared by the simulator, the task writers and GRAM")
                .check(classes);
    }
}
