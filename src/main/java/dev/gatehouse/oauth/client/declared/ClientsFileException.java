package dev.gatehouse.oauth.client.declared;

/**
 * The clients file cannot be applied: the message names the client and the field (never a
 * secret's value), for the operator's log. Nothing of that file is applied.
 */
class ClientsFileException extends RuntimeException {

    ClientsFileException(String message) {
        super(message, null, false, false);
    }

    static ClientsFileException of(String clientId, String problem) {
        return new ClientsFileException("client " + clientId + ": " + problem);
    }
}
