package dev.lnjobs.infra.cloud;

import dev.lnjobs.sagas.bootstrap.NodeBootstrapScript;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the node bootstrap cloud-config template. Every placeholder in the template stands alone as a YAML value,
 * so each value goes in as a double-quoted YAML string: no value can end the string or add a key, whatever it holds.
 */
public final class CloudInitRenderer implements NodeBootstrapScript {

    static final String TEMPLATE = "cloud-init/node-bootstrap.yaml";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)}}");

    private final String template;

    public CloudInitRenderer() {
        this(loadTemplate());
    }

    CloudInitRenderer(String template) {
        if (!template.startsWith("#cloud-config\n")) {
            throw new IllegalArgumentException("a cloud-config template must start with #cloud-config");
        }
        this.template = template;
    }

    @Override
    public String render(NodeSetup setup) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("NODE_NAME", setup.nodeName());
        values.put("SSH_PUBLIC_KEY", setup.sshPublicKey());
        // Empty files, not missing ones: the scripts read "nothing there" as "skip this step".
        values.put("TAILSCALE_AUTH_KEY", setup.tailscaleAuthKey().orElse(""));
        values.put("VOLUME_NAME", setup.volumeName().orElse(""));
        return fill(values);
    }

    /** Fails on a placeholder without a value, so template and renderer cannot drift apart silently. */
    String fill(Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder document = new StringBuilder(template.length() + 512);
        while (placeholder.find()) {
            String name = placeholder.group(1);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalStateException("the cloud-init template wants {{" + name + "}}, which has no value");
            }
            placeholder.appendReplacement(document, Matcher.quoteReplacement(yamlString(name, value)));
        }
        placeholder.appendTail(document);
        return document.toString();
    }

    /**
     * A line break would let a value start a new YAML line, so any control character is refused rather than
     * escaped; the names say which field was wrong without echoing a possibly secret value.
     */
    static String yamlString(String name, String value) {
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(name + " must be a single line without control characters");
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String loadTemplate() {
        try (InputStream in = CloudInitRenderer.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + TEMPLATE, e);
        }
    }
}
