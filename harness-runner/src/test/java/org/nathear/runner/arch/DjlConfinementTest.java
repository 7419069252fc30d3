package org.nathear.runner.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DJL (and with it libtorch) is confined to models-gram's package {@code org.nathear.gram}. */
class DjlConfinementTest {
    @Test
    void onlyOrgNathearGramUsesDjl() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.nathear");
        noClasses().that().resideOutsideOfPackage("org.nathear.gram..")
                .should().dependOnClassesThat().resideInAPackage("ai.djl..")
                .because("DJL appears only in models-gram (docs/gram.md); everything else stays free of native code")
                .check(classes);
    }
}
