package eu.seta.gateway.crypto;

import eu.seta.gateway.support.Randomness;
import org.springframework.beans.factory.DisposableBean;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Threads for RSA and EC work. An RS256 signature costs about a millisecond of CPU: done on a Netty event loop it
 * would stall every connection sharing that loop, so the token API hands it here ({@code seta.crypto.threads}, one
 * per core by default).
 */
public class CryptoWorkers implements DisposableBean {

	private final Scheduler scheduler;

	public CryptoWorkers(int threads) {
		this.scheduler = Schedulers.newParallel("seta-crypto", threads, true);
		// the random source seeds itself from the operating system on first use: let that be now, at start-up
		Randomness.bytes(1);
	}

	public Scheduler scheduler() {
		return this.scheduler;
	}

	@Override
	public void destroy() {
		this.scheduler.dispose();
	}

}
