package org.gridmap.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy between the service and its database that can misbehave on demand: pass
 * traffic, {@link #delay} every chunk in either direction, {@link #cutAll} the open
 * connections (both sides closed at once, as a network failure or a crashed middlebox
 * would), {@link #refuse} new ones (accepted and closed at once) and {@link #stall} (pass
 * nothing, close nothing). Blocking sockets, two threads per connection: enough for a
 * connection pool's worth of traffic.
 */
final class TcpProxy implements AutoCloseable {

	private final ServerSocket server;

	private final InetSocketAddress target;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final AtomicLong accepted = new AtomicLong();

	private volatile long delayMillis;

	private volatile boolean refusing;

	private volatile boolean stalled;

	private volatile boolean closed;

	TcpProxy(int targetPort) {
		this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
		try {
			this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread acceptor = new Thread(this::accept, "tcp-proxy-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** Holds every chunk this long before passing it on (0: none). */
	void delay(long millis) {
		this.delayMillis = millis;
	}

	/**
	 * While true, nothing passes in either direction and nothing is closed: a peer gone
	 * silent (a network partition without resets), which no database timeout notices.
	 */
	void stall(boolean stall) {
		this.stalled = stall;
	}

	/** New connections are closed as soon as they are accepted (while true). */
	void refuse(boolean refuse) {
		this.refusing = refuse;
	}

	/**
	 * Closes every open connection, on both sides.
	 * @return how many connections were cut
	 */
	int cutAll() {
		int cut = 0;
		for (Socket socket : this.open) {
			closeQuietly(socket);
			cut++;
		}
		return cut / 2;
	}

	/** Connections accepted so far. */
	long accepted() {
		return this.accepted.get();
	}

	@Override
	public void close() {
		this.closed = true;
		closeQuietly(this.server);
		cutAll();
	}

	private void accept() {
		while (!this.closed) {
			Socket client;
			try {
				client = this.server.accept();
			}
			catch (IOException ex) {
				if (this.closed) {
					return;
				}
				continue;
			}
			this.accepted.incrementAndGet();
			if (this.refusing) {
				closeQuietly(client);
				continue;
			}
			// Connected in its own thread, so that one slow connect holds up no other.
			Thread connector = new Thread(() -> connect(client), "tcp-proxy-connect");
			connector.setDaemon(true);
			connector.start();
		}
	}

	private void connect(Socket client) {
		Socket upstream = new Socket();
		try {
			upstream.connect(this.target, 5000);
		}
		catch (IOException ex) {
			closeQuietly(client);
			closeQuietly(upstream);
			return;
		}
		this.open.add(client);
		this.open.add(upstream);
		pump(client, upstream, "up");
		pump(upstream, client, "down");
	}

	/** Copies one direction until either side closes, then closes both. */
	private void pump(Socket from, Socket to, String direction) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					long delay = this.delayMillis;
					if (delay > 0) {
						Thread.sleep(delay);
					}
					while (this.stalled && !from.isClosed()) {
						Thread.sleep(10);
					}
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (SocketException ex) {
				// Cut, or closed by the other side.
			}
			catch (IOException ex) {
				// As above.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				this.open.remove(from);
				this.open.remove(to);
			}
		}, "tcp-proxy-" + direction);
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// Already closed.
		}
	}

}
