package eu.seta.gateway.directory;

import java.security.KeyPair;
import java.util.Arrays;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import eu.seta.gateway.testing.TestKeys;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** The platform's user service, as WireMock plays it for the HTTP directory tests. */
final class UserServiceStub {

	static final String TOKEN = "user-service-test-token";

	final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	UserServiceStub() {
		this.server.start();
	}

	String baseUrl() {
		return this.server.baseUrl() + "/api";
	}

	static String principal(String id, String username, String type, String owner, String status, KeyPair... keys) {
		String publicKeys = Arrays.stream(keys)
			.map((key) -> "\"" + TestKeys.openSsh(key.getPublic(), id) + "\"")
			.collect(Collectors.joining(","));
		return "{\"id\":\"" + id + "\",\"provider\":\"" + ("application".equals(type) ? "seta" : "github")
				+ "\",\"username\":\"" + username + "\",\"type\":\"" + type + "\","
				+ ((owner != null) ? "\"owner\":\"" + owner + "\"," : "") + "\"role\":\"User\",\"status\":\"" + status
				+ "\",\"public-keys\":[" + publicKeys + "]}";
	}

	void answerLogin(String provider, String username, ResponseDefinitionBuilder answer) {
		this.server.stubFor(get(urlPathEqualTo("/api/principals")).withQueryParam("provider", equalTo(provider))
			.withQueryParam("username", equalTo(username))
			.willReturn(answer));
	}

	void answerId(String id, ResponseDefinitionBuilder answer) {
		this.server.stubFor(get(urlPathEqualTo("/api/principals/" + id)).willReturn(answer));
	}

	void user(String id, String username, String status, KeyPair... keys) {
		String json = principal(id, username, "user", null, status, keys);
		answerLogin("github", username, okJson(json));
		answerId(id, okJson(json));
	}

	/** An active user of GitHub whose login lookups are answered only after the delay. */
	void slowUser(String username, int delayMillis, KeyPair key) {
		answerLogin("github", username,
				okJson(principal("u-" + username, username, "user", null, "active", key)).withFixedDelay(delayMillis));
	}

	void absent(String provider, String username) {
		answerLogin(provider, username, notFound());
	}

	int loginLookups(String username) {
		return this.server.countRequestsMatching(lookupOf(username).build()).getCount();
	}

	RequestPatternBuilder lookupOf(String username) {
		return getRequestedFor(urlPathEqualTo("/api/principals")).withQueryParam("username", equalTo(username));
	}

}
