package eu.seta.gateway.keys;

/** The current key set; it may change while the gateway runs (key rotation), so ask each time. */
public interface SigningKeys {

	KeySet current();

}
