package dev.lnjobs.server;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/ holds files no test runs (no Docker, no systemd here); this keeps them parseable and in step. */
class DeploymentFilesTest {

    private static final Path DEPLOY = Path.of("..", "deploy");
    /** Settings the compose file sets itself, or that make no sense with its PostgreSQL. */
    private static final Set<String> NOT_PASSED_THROUGH = Set.of("DATABASE_URL", "PORT", "EMBEDDED_PG_DATA_DIR",
            "EMBEDDED_PG_PORT");

    @Test
    void compose_runs_the_server_after_a_healthy_postgres() throws IOException {
        Map<String, Map<String, Object>> services = services();

        assertThat(services).containsOnlyKeys("postgres", "server");
        Map<String, Object> postgres = services.get("postgres");
        assertThat(postgres.get("image")).isEqualTo("postgres:16");
        assertThat(map(postgres.get("healthcheck")).get("test")).asString().contains("pg_isready");
        assertThat((List<?>) postgres.get("volumes")).isNotEmpty();

        Map<String, Object> server = services.get("server");
        assertThat(map(server.get("build"))).containsEntry("context", "..").containsEntry("dockerfile",
                "deploy/Dockerfile");
        assertThat(map(map(server.get("depends_on")).get("postgres"))).containsEntry("condition",
                "service_healthy");
        assertThat(environment(server)).anySatisfy(entry ->
                assertThat(entry).matches("DATABASE_URL=postgres://[^@]+@postgres:5432/\\w+"));
    }

    @Test
    void compose_passes_through_every_setting_the_server_reads_from_the_environment() throws IOException {
        Set<String> passedThrough = new TreeSet<>();
        for (String entry : environment(services().get("server"))) {
            passedThrough.add(entry.split("=", 2)[0]);
        }

        assertThat(passedThrough).containsAll(settingsReadFromTheEnvironment());
    }

    @Test
    void the_image_builds_on_a_jdk_and_runs_on_a_jre_as_a_user_with_a_health_check() throws IOException {
        String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));

        assertThat(dockerfile).containsPattern("(?m)^FROM eclipse-temurin:17-jdk AS build$")
                .containsPattern("(?m)^FROM eclipse-temurin:17-jre$")
                .containsPattern("(?m)^USER lnjobs$")
                .containsPattern("(?m)^HEALTHCHECK .*(\\n.*)*/actuator/health");
    }

    @Test
    void the_health_timer_checks_every_five_minutes_and_the_service_restarts_on_failure() throws IOException {
        String service = Files.readString(DEPLOY.resolve("systemd/lnjobs.service"));
        String timer = Files.readString(DEPLOY.resolve("systemd/lnjobs-health.timer"));
        String healthService = Files.readString(DEPLOY.resolve("systemd/lnjobs-health.service"));

        assertThat(service).contains("ExecStart=/usr/bin/java $JAVA_OPTS "
                        + "-XX:SharedArchiveFile=/opt/lnjobs/app/lnjobs.jsa -jar /opt/lnjobs/app/lnjobs.jar",
                "EnvironmentFile=/opt/lnjobs/lnjobs.env", "Restart=on-failure", "User=lnjobs");
        assertThat(timer).contains("OnUnitActiveSec=5min", "Unit=lnjobs-health.service");
        assertThat(healthService).contains("ExecStart=/opt/lnjobs/bin/health-check.sh");
        assertThat(DEPLOY.resolve("health-check.sh")).isExecutable();
        assertThat(DEPLOY.resolve("deploy.sh")).isExecutable();
        assertThat(DEPLOY.resolve("install.sh")).isExecutable();
        assertThat(DEPLOY.resolve("prepare-app.sh")).isExecutable();
    }

    @Test
    void the_deploy_hook_unit_runs_the_jars_hook_command_and_install_sh_installs_and_enables_it() throws IOException {
        String hook = Files.readString(DEPLOY.resolve("systemd/lnjobs-deploy-hook.service"));
        String install = Files.readString(DEPLOY.resolve("install.sh"));

        assertThat(hook).contains("-jar /opt/lnjobs/lnjobs.jar deploy-hook",
                "EnvironmentFile=/opt/lnjobs/deploy-hook.env",
                "\"DEPLOY_COMMAND=/opt/lnjobs/bin/deploy.sh --pull\"", "Environment=DEPLOY_HOOK_PORT=9000",
                "Restart=on-failure");
        assertThat(install).contains("deploy/systemd/lnjobs-deploy-hook.service",
                "systemctl enable lnjobs.service lnjobs-health.timer lnjobs-deploy-hook.service",
                "install -o root -g root -m 0600 /dev/null \"$hook_env\"");
    }

    /** Every ${NAME:default} in application.yml. */
    private static Set<String> settingsReadFromTheEnvironment() throws IOException {
        String yml = Files.readString(Path.of("src", "main", "resources", "application.yml"));
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):").matcher(yml);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        names.removeAll(NOT_PASSED_THROUGH);
        assertThat(names).as("placeholders in application.yml").contains("LNBITS_URL", "AI_MAX_ATTEMPTS");
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DEPLOY.resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static List<String> environment(Map<String, Object> service) {
        return (List<String>) service.get("environment");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
