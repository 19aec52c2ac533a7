package dev.gatehouse.oauth.client.declared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.oauth.client.ClientMetadata;
import dev.gatehouse.oauth.client.ClientMetadataRules;
import dev.gatehouse.oauth.client.GrantTypes;
import dev.gatehouse.oauth.client.OAuthClient;
import dev.gatehouse.token.OpaqueTokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the clients file: a YAML (or JSON, which YAML includes) object whose {@code clients} list
 * holds RFC 7591 metadata ({@link ClientMetadata}, as the admin API takes it) and, for a
 * confidential client, {@code client_secret_file} or {@code client_secret_env}, naming where its
 * secret is ({@code client_secret} itself is refused). Each client passes the admin API's rules
 * ({@link ClientMetadataRules}); a confidential client's secret is read from the file or the
 * environment variable it names and kept only as its SHA-256, as the admin API keeps its own.
 * Any problem refuses the whole file with a message naming the client and the field.
 */
@ApplicationScoped
class ClientsFile {

    /** An operator-chosen secret is stored as a plain SHA-256, so it must be long and random. */
    static final int MIN_SECRET_LENGTH = 32;

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Environment environment;
    private final Set<String> grantTypes;

    ClientsFile(Environment environment, GrantTypes grantTypes) {
        this.environment = environment;
        this.grantTypes = grantTypes.names();
    }

    /** The clients {@code content} declares, in its order; {@code directory} resolves relative secret paths. Blocking. */
    List<OAuthClient> parse(byte[] content, Path directory) {
        JsonNode clients = clientList(content);
        List<OAuthClient> declared = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode node : clients) {
            String label =
                    node.path("client_id").isTextual() ? node.get("client_id").asText() : "#" + (index + 1);
            OAuthClient client = client(read(node, label), label, directory);
            if (!ids.add(client.clientId)) {
                throw ClientsFileException.of(label, "client_id is declared twice");
            }
            declared.add(client);
            index++;
        }
        return declared;
    }

    private static JsonNode clientList(byte[] content) {
        JsonNode root;
        try {
            root = YAML.readTree(content);
        } catch (JsonProcessingException e) {
            // the parser's own message may quote the file, so only the place is told
            var at = e.getLocation();
            throw new ClientsFileException("not valid YAML or JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        } catch (IOException e) {
            throw new ClientsFileException("cannot be read: " + e.getClass().getSimpleName());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ClientsFileException("the file is empty (write \"clients: []\" to declare no clients)");
        }
        if (!root.isObject() || !root.path("clients").isArray()) {
            throw new ClientsFileException("the file must hold an object with a list \"clients\"");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("clients")) {
                throw new ClientsFileException("unknown top-level field " + name);
            }
        }
        return root.get("clients");
    }

    /** One entry: the admin API's metadata, and where its secret is. */
    private record Entry(ClientMetadata metadata, String secretFile, String secretEnv) {}

    private static Entry read(JsonNode node, String label) {
        if (!(node instanceof ObjectNode object)) {
            throw ClientsFileException.of(label, "each entry of \"clients\" must be an object");
        }
        ObjectNode entry = object.deepCopy();
        if (entry.has("client_secret")) {
            throw ClientsFileException.of(
                    label,
                    "client_secret must not be written in the file; "
                            + "name it with client_secret_file or client_secret_env");
        }
        for (String serverSet : List.of("client_id_issued_at", "client_secret_expires_at")) {
            if (entry.has(serverSet)) {
                throw ClientsFileException.of(label, "unknown field " + serverSet + " (set by the server)");
            }
        }
        String secretFile = text(entry.remove("client_secret_file"), label, "client_secret_file");
        String secretEnv = text(entry.remove("client_secret_env"), label, "client_secret_env");
        try {
            return new Entry(YAML.treeToValue(entry, ClientMetadata.class), secretFile, secretEnv);
        } catch (UnrecognizedPropertyException e) {
            throw ClientsFileException.of(label, "unknown field " + e.getPropertyName());
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "?" : e.getPath().get(0).getFieldName();
            throw ClientsFileException.of(label, "field " + field + " has the wrong type");
        } catch (JsonProcessingException e) {
            throw ClientsFileException.of(label, "cannot be read");
        }
    }

    private static String text(JsonNode value, String label, String field) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw ClientsFileException.of(label, "field " + field + " must be a name");
        }
        return value.asText();
    }

    private OAuthClient client(Entry entry, String label, Path directory) {
        ClientMetadata metadata = entry.metadata();
        if (metadata.clientId() == null || metadata.clientId().isBlank()) {
            throw ClientsFileException.of(label, "client_id is required");
        }
        OAuthClient client = new OAuthClient();
        try {
            ClientMetadataRules.checkClientId(metadata.clientId());
            ClientMetadataRules.apply(metadata, client, grantTypes);
        } catch (ApiException e) {
            throw ClientsFileException.of(label, e.description());
        }
        client.clientId = metadata.clientId();
        client.managedBy = OAuthClient.MANAGED_BY_FILE;
        client.secretHash =
                client.isPublic() ? noSecret(entry, label) : OpaqueTokens.sha256(secret(entry, label, directory));
        return client;
    }

    private static byte[] noSecret(Entry entry, String label) {
        if (entry.secretFile() != null || entry.secretEnv() != null) {
            throw ClientsFileException.of(
                    label,
                    "a public client (token_endpoint_auth_method none) has no secret: "
                            + "remove client_secret_file and client_secret_env");
        }
        return null;
    }

    private String secret(Entry entry, String label, Path directory) {
        boolean fromFile = entry.secretFile() != null;
        if (fromFile == (entry.secretEnv() != null)) {
            throw ClientsFileException.of(
                    label, "a confidential client needs exactly one of client_secret_file " + "and client_secret_env");
        }
        String field = fromFile ? "client_secret_file" : "client_secret_env";
        String value =
                fromFile ? readSecretFile(entry.secretFile(), label, directory) : environment.get(entry.secretEnv());
        if (value == null) {
            throw ClientsFileException.of(
                    label, field + ": the environment variable " + entry.secretEnv() + " is not set");
        }
        value = value.strip();
        if (value.length() < MIN_SECRET_LENGTH) {
            throw ClientsFileException.of(
                    label,
                    field + ": the secret must have at least " + MIN_SECRET_LENGTH
                            + " characters (e.g. openssl rand -base64 32)");
        }
        return value;
    }

    private static String readSecretFile(String name, String label, Path directory) {
        Path path = directory == null ? Path.of(name) : directory.resolve(name);
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw ClientsFileException.of(
                    label,
                    "client_secret_file: cannot read " + path + " ("
                            + e.getClass().getSimpleName() + ")");
        }
    }
}
