package dev.tabletalk.archtests;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/** Every rule of {@link TableTalkRules}, checked against the production code of every module. */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionCode() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tabletalk");
    }

    @TestFactory
    @Tag("invariant-1")
    @Tag("invariant-2")
    @Tag("invariant-8")
    List<DynamicTest> productionCodeKeepsEveryRule() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Field field : TableTalkRules.class.getDeclaredFields()) {
            if (ArchRule.class.isAssignableFrom(field.getType())) {
                tests.add(DynamicTest.dynamicTest(field.getName(), () -> {
                    ArchRule rule = (ArchRule) field.get(null);
                    rule.check(production);
                }));
            }
        }
        return tests;
    }
}
