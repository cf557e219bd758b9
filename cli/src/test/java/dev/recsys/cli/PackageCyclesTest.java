package dev.recsys.cli;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Packages of this module's main code depend on each other in one direction only: a cycle means neither
 * side can be understood, tested or moved without the other. A failure lists each cycle with the
 * classes and members that close it.
 */
class PackageCyclesTest {

    @Test
    void mainCodeHasNoPackageCycles() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.recsys.cli");
        // One slice per package: dev.recsys.cli itself, and each package below it on its own.
        slices().matching("dev.recsys.(**)").should().beFreeOfCycles().check(main);
    }
}
