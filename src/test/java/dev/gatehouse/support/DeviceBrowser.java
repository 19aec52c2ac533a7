package dev.gatehouse.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The browser side of the device flow (RFC 8628 §3.3) at {@code /oauth2/device}, over plain HTTP. */
public final class DeviceBrowser {

    public static final String COOKIE = "gh_device";
    private static final Pattern HIDDEN = Pattern.compile("name=\"(pending|csrf)\" value=\"([^\"]+)\"");

    private DeviceBrowser() {}

    /** A page's hidden form fields and the cookie that binds them to this browser. */
    public record Form(Map<String, String> fields, String cookie) {
        public static Form of(Response page) {
            Map<String, String> fields = new HashMap<>();
            Matcher matcher = HIDDEN.matcher(page.asString());
            while (matcher.find()) {
                fields.put(matcher.group(1), matcher.group(2));
            }
            return new Form(fields, page.getCookie(COOKIE));
        }
    }

    /** The page where the user types the code (optionally prefilled, as from verification_uri_complete). */
    public static Response codePage(String userCode) {
        RequestSpecification request = given().redirects().follow(false);
        if (userCode != null) {
            request.queryParam("user_code", userCode);
        }
        return request.get("/oauth2/device");
    }

    /** Submits a user code from the code page; {@code session} is the gh_session cookie or null. */
    public static Response enter(Form form, String userCode, String session) {
        return post("/oauth2/device", form, session, Map.of("user_code", userCode));
    }

    public static Response signIn(Form form, String email, String password) {
        return post("/oauth2/device/login", form, null, Map.of("email", email, "password", password));
    }

    public static Response decide(Form form, String session, boolean approve) {
        return post("/oauth2/device/approve", form, session, Map.of("decision", approve ? "approve" : "deny"));
    }

    private static Response post(String path, Form form, String session, Map<String, String> fields) {
        Map<String, String> params = new HashMap<>(form.fields());
        params.putAll(fields);
        RequestSpecification request = given().redirects()
                .follow(false)
                .contentType(ContentType.URLENC)
                .formParams(params);
        if (form.cookie() != null) {
            request.cookie(COOKIE, form.cookie());
        }
        if (session != null) {
            request.cookie("gh_session", session);
        }
        return request.post(path);
    }

    /** A person without a session enters the code, signs in and decides; answers the browser session it got. */
    public static String signInAndDecide(String userCode, TestUsers.TestUser user, boolean approve) {
        Form codeForm = Form.of(codePage(null).then().statusCode(200).extract().response());
        Response login =
                enter(codeForm, userCode, null).then().statusCode(200).extract().response();
        Response consent = signIn(Form.of(login), user.email(), user.password())
                .then()
                .statusCode(200)
                .extract()
                .response();
        String session = consent.getCookie("gh_session");
        decide(Form.of(consent), session, approve).then().statusCode(200);
        return session;
    }
}
