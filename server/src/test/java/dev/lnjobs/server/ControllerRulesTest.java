package dev.lnjobs.server;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Thin controllers: they parse, authenticate, pick status codes and headers; the flow of a route is its feature's
 * application service ({@code JobService}, {@code RefundService}, {@code SessionService}, {@code BootstrapService},
 * {@code DemoService}), one hop away.
 */
class ControllerRulesTest {

    private static final int MAX_COLLABORATORS = 6;

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.lnjobs.server");
    }

    @Test
    void no_controller_takes_more_than_six_collaborators() {
        classes().that().areAnnotatedWith(RestController.class)
                .should(takeAtMost(MAX_COLLABORATORS))
                .check(classes);
    }

    @Test
    void controllers_send_no_commands_and_queries_themselves() {
        noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.axonframework..")
                .check(classes);
    }

    @Test
    void controllers_know_no_adapters() {
        // the stub pay route is a development tool for the stub adapter itself
        noClasses().that().areAnnotatedWith(RestController.class).and().doNotHaveSimpleName("StubPayController")
                .should().dependOnClassesThat().resideInAnyPackage("dev.lnjobs.infra..")
                .check(classes);
    }

    private static ArchCondition<JavaClass> takeAtMost(int collaborators) {
        return new ArchCondition<>("take at most " + collaborators + " collaborators") {
            @Override
            public void check(JavaClass controller, ConditionEvents events) {
                for (JavaConstructor constructor : controller.getConstructors()) {
                    int taken = constructor.getRawParameterTypes().size();
                    events.add(new SimpleConditionEvent(controller, taken <= collaborators,
                            controller.getSimpleName() + " takes " + taken + " collaborators"));
                }
            }
        };
    }
}
