package dev.gatehouse.oauth.client.declared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gatehouse.oauth.client.GrantTypes;
import dev.gatehouse.oauth.client.OAuthClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The clients files the Kubernetes overlays ship are ones Gatehouse applies, and every secret they
 * name is a key of the Secret template, mounted where they look for it.
 */
class OverlayClientsFilesTest {

    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path COMPONENT = ROOT.resolve("k8s/components/declared-clients");
    static final List<String> OVERLAYS = List.of("k8s/overlays/local", "k8s/overlays/production");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyOverlayShipsAClientsFileThatGatehouseApplies() throws IOException {
        String secretsDirectory = mountPath("client-secrets") + "/";
        Set<String> templateKeys = new TreeSet<>();
        YAML.readTree(COMPONENT.resolve("client-secrets.example.yaml").toFile())
                .get("stringData")
                .fieldNames()
                .forEachRemaining(templateKeys::add);
        for (String overlay : OVERLAYS) {
            String file = Files.readString(ROOT.resolve(overlay).resolve("clients.yaml"));
            Path secrets = Files.createTempDirectory("client-secrets");
            Set<String> named = new TreeSet<>();
            Matcher m = Pattern.compile("client_secret_file: " + Pattern.quote(secretsDirectory) + "(\\S+)")
                    .matcher(file);
            while (m.find()) {
                named.add(m.group(1));
                Files.writeString(secrets.resolve(m.group(1)), TestEnvironment.random() + "\n");
            }
            assertFalse(file.contains("client_secret:"), overlay + ": no secret is written in the file");
            assertTrue(
                    templateKeys.containsAll(named),
                    overlay + ": secrets " + named + " are keys of the template " + templateKeys);

            byte[] local = file.replace(secretsDirectory, secrets + "/").getBytes(StandardCharsets.UTF_8);
            List<OAuthClient> clients = new ClientsFile(
                            new Environment(),
                            GrantTypes.of("authorization_code", "client_credentials", "refresh_token", "password"))
                    .parse(local, secrets);
            assertFalse(clients.isEmpty(), overlay);
            List<String> confidential = new ArrayList<>();
            clients.stream().filter(c -> !c.isPublic()).forEach(c -> confidential.add(c.clientId));
            assertEquals(
                    named.size(), confidential.size(), overlay + ": each confidential client names its own secret");
        }
    }

    @Test
    void theFileIsWhereGatehouseLooksForIt() throws IOException {
        JsonNode kustomization =
                YAML.readTree(COMPONENT.resolve("kustomization.yaml").toFile());
        String setting = kustomization
                .get("configMapGenerator")
                .get(0)
                .get("literals")
                .get(0)
                .asText();
        assertEquals("GATEHOUSE_CLIENTS_FILE=" + mountPath("clients") + "/clients.yaml", setting);
        for (String overlay : OVERLAYS) {
            String kustomizationText = Files.readString(ROOT.resolve(overlay).resolve("kustomization.yaml"));
            assertTrue(
                    kustomizationText.contains("../../components/declared-clients"), overlay + " uses the component");
            assertTrue(kustomizationText.contains("name: gatehouse-clients"), overlay + " makes the ConfigMap");
        }
    }

    private static String mountPath(String volume) throws IOException {
        JsonNode container =
                YAML.readTree(COMPONENT.resolve("mount-clients.yaml").toFile()).at("/spec/template/spec/containers/0");
        for (JsonNode mount : container.get("volumeMounts")) {
            if (mount.get("name").asText().equals(volume)) {
                return mount.get("mountPath").asText();
            }
        }
        throw new AssertionError("no volume mount " + volume);
    }
}
