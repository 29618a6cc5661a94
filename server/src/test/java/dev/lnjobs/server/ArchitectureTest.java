package dev.lnjobs.server;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module rules of the README's module table ("How it is built"), held by the build rather than by memory. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.lnjobs");
    }

    @Test
    void the_message_contract_depends_on_nothing_of_ours_and_no_spring() {
        noClasses().that().resideInAPackage("dev.lnjobs.api..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.lnjobs.command..", "dev.lnjobs.sagas..",
                        "dev.lnjobs.query..", "dev.lnjobs.infra..", "dev.lnjobs.server..", "org.springframework..")
                .check(classes);
    }

    @Test
    void aggregates_do_no_io_and_know_no_spring() {
        noClasses().that().resideInAPackage("dev.lnjobs.command..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "okhttp3..", "java.sql..",
                        "javax.sql..", "jakarta.persistence..", "java.net..", "dev.lnjobs.sagas..",
                        "dev.lnjobs.infra..", "dev.lnjobs.query..")
                .check(classes);
    }

    @Test
    void sagas_reach_the_outside_only_through_ports() {
        noClasses().that().resideInAPackage("dev.lnjobs.sagas..")
                .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "java.sql..", "jakarta.persistence..",
                        "dev.lnjobs.infra..", "dev.lnjobs.query..", "dev.lnjobs.command..", "dev.lnjobs.server..")
                .check(classes);
    }

    @Test
    void the_query_side_knows_only_the_contract() {
        noClasses().that().resideInAPackage("dev.lnjobs.query..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.lnjobs.command..", "dev.lnjobs.sagas..",
                        "dev.lnjobs.infra..", "dev.lnjobs.server..")
                .check(classes);
    }

    @Test
    void adapters_know_the_contract_and_the_ports_only() {
        noClasses().that().resideInAPackage("dev.lnjobs.infra..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.lnjobs.command..", "dev.lnjobs.query..",
                        "dev.lnjobs.server..")
                .check(classes);
    }

    @Test
    void controllers_never_touch_repositories() {
        // the wiring (config) and the Axon extensions (axon) build Axon's aggregate repositories; nothing else in
        // the server may reach one
        noClasses().that().resideInAPackage("dev.lnjobs.server..")
                .and().resideOutsideOfPackages("dev.lnjobs.server.config..", "dev.lnjobs.server.axon..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .check(classes);
    }

    @Test
    void the_axon_extensions_know_axon_only() {
        // server.config wires them; they know nothing of Spring or of the rest of the server
        noClasses().that().resideInAPackage("dev.lnjobs.server.axon..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..",
                        "dev.lnjobs.server.config..", "dev.lnjobs.server.cli..", "dev.lnjobs.command..",
                        "dev.lnjobs.sagas..", "dev.lnjobs.query..", "dev.lnjobs.infra..")
                .check(classes);
    }

    @Test
    void errors_reach_http_through_the_contract_not_through_adapters() {
        // every refusal is an api RuleViolation, mapped once by ProblemHandler; adapters' exceptions stay behind ports
        noClasses().that().resideInAPackage("dev.lnjobs.server.web..")
                .should().dependOnClassesThat().resideInAPackage("dev.lnjobs.infra..")
                .check(classes);
    }

    @Test
    void the_generated_client_stands_alone_and_only_tests_use_it() {
        // module client is generated from docs/openapi.json; the server's own code must not lean on it
        noClasses().that().resideInAPackage("dev.lnjobs.client..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.lnjobs.api..", "dev.lnjobs.command..",
                        "dev.lnjobs.sagas..", "dev.lnjobs.query..", "dev.lnjobs.infra..", "dev.lnjobs.server..",
                        "org.springframework..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("dev.lnjobs.client..")
                .should().dependOnClassesThat().resideInAPackage("dev.lnjobs.client..")
                .check(classes);
    }

    @Test
    void aggregate_handlers_are_package_private() {
        methods().that().areAnnotatedWith(CommandHandler.class).or().areAnnotatedWith(EventSourcingHandler.class)
                .should().notBePublic()
                .check(classes);
    }
}
