package dev.gatehouse.config;

import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Whether local-development leniencies apply: the dev or test profile is active. Checked by
 * profile, not launch mode, so the packaged application run with the test profile (the *IT
 * suite) gets them too, and a production start never does.
 */
public final class Profiles {

    private Profiles() {}

    public static boolean isDevOrTest() {
        return ConfigUtils.isProfileActive("dev") || ConfigUtils.isProfileActive("test");
    }
}
