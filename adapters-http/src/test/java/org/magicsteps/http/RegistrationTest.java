package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import org.magicsteps.core.domain.RegistrationPolicy;
import org.magicsteps.core.domain.Role;

/** {@code POST /register} under each registration policy of the core: statuses, bodies, who is made. */
class RegistrationTest {

    private static final String NEWBIE = "{\"username\":\"newbie\",\"password\":\"senha123\"}";

    @Test
    void openRegistrationIsForAnybodyAndAlwaysMakesAPlainUser() {
        try (TestServer open = new TestServer(RegistrationPolicy.OPEN)) {
            TestServer.Response anonymous = open.postJson("/register", NEWBIE, null);
            TestServer.Response byAdmin = open.postJson("/register",
                    "{\"username\":\"second\",\"password\":\"senha123\"}", open.adminToken("root"));

            assertEquals(201, anonymous.status(), anonymous.body());
            assertEquals("{\"msg\":\"user created\"}", anonymous.body());
            assertEquals(201, byAdmin.status(), byAdmin.body());
            assertEquals(Role.USER, open.users.find("newbie").orElseThrow().role());
            assertEquals(Role.USER, open.users.find("second").orElseThrow().role());
        }
    }

    @Test
    void adminOnlyRegistrationAsksForAnAdminsTokenWithTheSameAnswersAsBefore() {
        try (TestServer closed = new TestServer(RegistrationPolicy.ADMINS_ONLY)) {
            closed.registerUser.executeAsOperator(new org.magicsteps.core.usecase.RegisterUser.Command("plain",
                    "senha123".toCharArray(), null, Role.USER));

            TestServer.Response anonymous = closed.postJson("/register", NEWBIE, null);
            TestServer.Response byUser = closed.postJson("/register", NEWBIE, closed.token("plain", "senha123"));
            TestServer.Response byAdmin = closed.postJson("/register", NEWBIE, closed.adminToken("root"));

            assertEquals(401, anonymous.status());
            assertEquals("{\"detail\":\"Not authenticated\"}", anonymous.body());
            assertEquals("Bearer", anonymous.header("WWW-Authenticate"));
            assertEquals(403, byUser.status());
            assertEquals("{\"detail\":\"This route needs the admin role\"}", byUser.body());
            assertEquals(201, byAdmin.status(), byAdmin.body());
            assertEquals("{\"msg\":\"user created\"}", byAdmin.body());
            assertTrue(closed.users.find("newbie").isPresent());
        }
    }
}
