package eu.seta.gateway.errors;

import tools.jackson.databind.json.JsonMapper;

/** The gateway's JSON error writer outside a Spring context, for unit tests of the classes that refuse calls. */
public final class TestErrorResponses {

	private TestErrorResponses() {
	}

	public static ErrorResponses create() {
		return new ErrorResponses(JsonMapper.builder().build());
	}

}
