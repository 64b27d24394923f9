//! Busy polling of idle connections: after a connection has answered, it
//! keeps looking for the client's next request for a short while instead of
//! handing its thread straight back to the kernel.
//!
//! Why: on a virtual machine whose idle cores halt at once (no halt polling in
//! the guest), waking a thread on a halted core costs tens of microseconds,
//! more than a whole search. A client that asks again right away (a script,
//! an app server, a browser loading a page's parts) would pay that on every
//! request. While a connection polls, its worker stays busy, so the next
//! request is read without a wake-up.
//!
//! How: a connection that finds no data asks the socket itself once per turn
//! (a non-blocking `recv`), then yields to the runtime, which runs every other
//! ready task and polls for I/O before it comes back. So polling never holds
//! up other connections; it only keeps an otherwise idle worker awake. After
//! the window (`WebConfig::busy_poll`) without data the connection waits
//! for readiness as usual and costs nothing. A window of zero turns it off.
//!
//! Only one connection polls at a time ([`MAX_POLLERS`]): under load the
//! workers are busy anyway, and more pollers would take the cores from the
//! work (and from the clients, when they run on the same machine).
//!
//! And a connection polls only while the server has one client busy (one
//! connection with requests): not for a window after two connections read
//! data within a window of each other, nor while another connection read
//! data last, within the window. With more clients busy the cores have
//! work, and a poller would only take a core from it and from the clients.
//! Measured with the search benchmark's two servers asked in turn
//! (`bench/search/ab.sh`): with two clients busy through two workers, the
//! rule gave about 10 % more searches per second, and no change with one
//! client or eight (see `bench/search/README.md`).

use std::future::Future;
use std::io::{self, Read};
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

/// At most this many bytes are read per busy-polled `recv`: a request head
/// fits; a larger request is read on in the next turns.
///
/// They land in a buffer of the connection's own, made once, and are copied
/// on: hyper hands every read a fresh, uninitialised buffer, which safe code
/// must zero before a `recv` may fill it, and zeroing 8 KB per turn was
/// 8 % of the server's instructions per search request (callgrind).
const POLL_READ_MAX: usize = 4 * 1024;

/// Connections that may poll at the same time.
pub const MAX_POLLERS: usize = 1;

/// Counts of what busy polling did, for tests and diagnostics, and what the
/// connections share to decide whether to poll.
#[derive(Debug)]
pub struct BusyPollStats {
    /// Reads that found their data while polling (each a wake-up saved).
    pub polled_reads: AtomicU64,
    /// Connections polling now (at most [`MAX_POLLERS`]).
    pub polling: AtomicUsize,
    /// The latest read that brought data: its connection's number (the low
    /// [`CONN_BITS`] bits) and when it came (microseconds since `epoch`, the
    /// bits above); zero before the first.
    latest: AtomicU64,
    /// Until when (microseconds since `epoch`) no connection polls: two
    /// connections read data within a window of each other.
    quiet_until: AtomicU64,
    /// The next connection's number.
    next_conn: AtomicU64,
    epoch: Instant,
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

/// Bits of a connection's number kept in [`BusyPollStats::latest`]: two
/// connections whose numbers differ by a multiple of 2^16 are taken for one,
/// which at worst lets one of them poll when it need not.
const CONN_BITS: u32 = 16;

/// The low bits of [`BusyPollStats::latest`]: the connection's number.
const CONN_MASK: u64 = (1 << CONN_BITS) - 1;

/// Whether `latest` (see [`BusyPollStats::latest`]) is another connection's
/// read than `conn`'s, less than `window` µs before `now`.
fn another_within(latest: u64, conn: u64, now: u64, window: u64) -> bool {
    latest != 0
        && latest & CONN_MASK != conn & CONN_MASK
        && now.saturating_sub(latest >> CONN_BITS) < window
}

impl Default for BusyPollStats {
    fn default() -> Self {
        Self {
            polled_reads: AtomicU64::new(0),
            polling: AtomicUsize::new(0),
            latest: AtomicU64::new(0),
            quiet_until: AtomicU64::new(0),
            next_conn: AtomicU64::new(0),
            epoch: Instant::now(),
        }
    }
}

impl BusyPollStats {
    /// Microseconds since `epoch`, at most what fits above the
    /// connection's number.
    fn micros(&self) -> u64 {
        micros(self.epoch.elapsed()).min(u64::MAX >> CONN_BITS)
    }

    /// Connection `conn` has read data (a request, or part of one).
    fn note_read(&self, conn: u64, window: Duration) {
        let now = self.micros().max(1);
        let before = self
            .latest
            .swap((now << CONN_BITS) | (conn & CONN_MASK), Ordering::Relaxed);
        let window = micros(window);
        if another_within(before, conn, now, window) {
            self.quiet_until
                .fetch_max(now.saturating_add(window), Ordering::Relaxed);
        }
    }

    /// Whether the server has more than one client busy, as seen by
    /// connection `conn`: two connections read data within `window` of each
    /// other less than `window` ago, or another connection read last,
    /// within `window`.
    fn others_busy(&self, conn: u64, window: Duration) -> bool {
        let now = self.micros();
        if now < self.quiet_until.load(Ordering::Relaxed) {
            return true;
        }
        let latest = self.latest.load(Ordering::Relaxed);
        another_within(latest, conn, now, micros(window))
    }

    /// Takes a polling place if one is free.
    fn try_start(&self) -> bool {
        self.polling
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < MAX_POLLERS).then_some(n + 1)
            })
            .is_ok()
    }

    fn stop(&self) {
        self.polling.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A listener whose connections busy-poll for `window` after each answer;
/// `L` hands over the accepted TCP connections.
pub struct BusyPollListener<L> {
    inner: L,
    window: Duration,
    stats: Arc<BusyPollStats>,
}

impl<L> BusyPollListener<L> {
    /// Wraps `inner`; a `window` of zero turns polling off. Listeners that
    /// share `stats` share the polling places.
    pub fn new(inner: L, window: Duration, stats: Arc<BusyPollStats>) -> Self {
        Self {
            inner,
            window,
            stats,
        }
    }
}

impl<L> axum::serve::Listener for BusyPollListener<L>
where
    L: axum::serve::Listener<Io = TcpStream, Addr = SocketAddr>,
{
    type Io = BusyPollStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        let (stream, addr) = self.inner.accept().await;
        let stream = BusyPollStream::new(stream, self.window, Arc::clone(&self.stats));
        (stream, addr)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.inner.local_addr()
    }
}

/// One accepted connection (see the module documentation).
pub struct BusyPollStream {
    inner: TcpStream,
    /// This connection's number (see [`BusyPollStats::note_read`]).
    conn: u64,
    window: Duration,
    /// When the connection first found no data since its last answer went
    /// out or its last data came; `None` until then.
    idle_since: Option<Instant>,
    /// Whether this connection holds one of the polling places.
    polling: bool,
    stats: Arc<BusyPollStats>,
    /// Where a polled `recv` lands ([`POLL_READ_MAX`] bytes, made at the
    /// connection's first poll).
    landing: Option<Box<[u8]>>,
}

impl BusyPollStream {
    /// Wraps an accepted connection.
    pub fn new(inner: TcpStream, window: Duration, stats: Arc<BusyPollStats>) -> Self {
        Self {
            conn: stats.next_conn.fetch_add(1, Ordering::Relaxed),
            inner,
            window,
            idle_since: None,
            polling: false,
            stats,
            landing: None,
        }
    }

    /// Lets answers go out as soon as they are written, not after the
    /// client's acknowledgement of an earlier segment.
    pub fn set_nodelay(&self) {
        if let Err(e) = self.inner.set_nodelay(true) {
            tracing::debug!(error = %e, "TCP_NODELAY niet gezet");
        }
    }

    /// An answer (or part of one) went out: the window for the next request
    /// starts again from here. hyper already looks at the socket while the
    /// handler works (to notice a client that hangs up), so a window counted
    /// from that look would be used up by a slow answer, and the next
    /// request would then need a wake-up.
    fn after_write(&mut self, written: &Poll<io::Result<usize>>) {
        if matches!(written, Poll::Ready(Ok(n)) if *n > 0) {
            self.idle_since = None;
            self.leave_place();
        }
    }

    /// Data came, or the window is over: the polling place is free again.
    fn leave_place(&mut self) {
        if self.polling {
            self.polling = false;
            self.stats.stop();
        }
    }

    /// One non-blocking `recv` on the socket (tokio has set it
    /// non-blocking), past tokio's readiness bookkeeping, which only learns
    /// of new data when the runtime next polls for I/O.
    fn try_recv(&mut self, buf: &mut ReadBuf<'_>) -> io::Result<usize> {
        let want = buf.remaining().min(POLL_READ_MAX);
        let landing = self
            .landing
            .get_or_insert_with(|| vec![0; POLL_READ_MAX].into_boxed_slice());
        let socket = socket2::SockRef::from(&self.inner);
        let n = (&*socket).read(&mut landing[..want])?;
        buf.put_slice(&landing[..n]);
        Ok(n)
    }

    /// Polls the socket itself while the window is open and a polling place
    /// is free; `None` when this connection should wait to be woken instead.
    ///
    /// While polling, tokio's read is not asked: it would register this task
    /// for the socket's readiness, and the runtime's I/O thread, woken by the
    /// request's arrival, would then run the connection on another worker
    /// (another core, with the search's data in the first core's caches).
    fn poll_socket(
        &mut self,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Option<Poll<io::Result<()>>> {
        let since = *self.idle_since.get_or_insert_with(Instant::now);
        if since.elapsed() >= self.window || self.stats.others_busy(self.conn, self.window) {
            self.leave_place();
            return None;
        }
        if !self.polling {
            if !self.stats.try_start() {
                return None;
            }
            self.polling = true;
        }
        Some(match self.try_recv(buf) {
            Ok(n) => {
                self.leave_place();
                self.idle_since = None;
                if n > 0 {
                    self.stats.polled_reads.fetch_add(1, Ordering::Relaxed);
                    self.stats.note_read(self.conn, self.window);
                }
                Poll::Ready(Ok(()))
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                // Back in line behind every other ready task, and after the
                // runtime's next look for I/O (a deferred wake).
                let mut yielded = std::pin::pin!(tokio::task::yield_now());
                let _ = yielded.as_mut().poll(cx);
                Poll::Pending
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            Err(e) => {
                self.leave_place();
                Poll::Ready(Err(e))
            }
        })
    }
}

impl AsyncRead for BusyPollStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if !this.window.is_zero() && buf.remaining() > 0 {
            if let Some(polled) = this.poll_socket(cx, buf) {
                return polled;
            }
        }
        // Not polling: tokio's read, which registers this task for the
        // socket's readiness when there is no data.
        let before = buf.filled().len();
        let read = Pin::new(&mut this.inner).poll_read(cx, buf);
        if read.is_ready() {
            this.idle_since = None;
            if buf.filled().len() > before {
                this.stats.note_read(this.conn, this.window);
            }
        }
        read
    }
}

impl Drop for BusyPollStream {
    fn drop(&mut self) {
        self.leave_place();
    }
}

impl AsyncWrite for BusyPollStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.inner).poll_write(cx, buf);
        this.after_write(&written);
        written
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        this.after_write(&written);
        written
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::serve::Listener;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;

    /// A listener with `window`, and a task that echoes every read of its
    /// first connection until the client closes; the task returns the
    /// bytes it echoed.
    async fn echo(
        window: Duration,
    ) -> (
        SocketAddr,
        Arc<BusyPollStats>,
        tokio::task::JoinHandle<Vec<u8>>,
    ) {
        let tcp = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let stats = Arc::new(BusyPollStats::default());
        let mut listener = BusyPollListener::new(tcp, window, Arc::clone(&stats));
        let addr = listener.local_addr().unwrap();
        let task = tokio::spawn(async move {
            let (mut conn, _) = listener.accept().await;
            let mut seen = Vec::new();
            let mut buf = [0u8; 64];
            loop {
                let n = conn.read(&mut buf).await.unwrap();
                if n == 0 {
                    return seen;
                }
                seen.extend_from_slice(&buf[..n]);
                conn.write_all(&buf[..n]).await.unwrap();
            }
        });
        (addr, stats, task)
    }

    /// Sends each message after `pause`, reads its echo, then closes.
    async fn talk(addr: SocketAddr, messages: &[&[u8]], pause: Duration) {
        let mut client = TcpStream::connect(addr).await.unwrap();
        for m in messages {
            tokio::time::sleep(pause).await;
            client.write_all(m).await.unwrap();
            let mut back = vec![0u8; m.len()];
            client.read_exact(&mut back).await.unwrap();
            assert_eq!(&back, m);
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_request_that_comes_while_polling_is_read_by_the_poll() {
        let (addr, stats, task) = echo(Duration::from_secs(30)).await;
        talk(
            addr,
            &[b"eerste", b"tweede", b"derde"],
            Duration::from_millis(20),
        )
        .await;
        // The client closed while the connection polled: that is its end.
        let seen = tokio::time::timeout(Duration::from_secs(10), task)
            .await
            .expect("the connection sees the end while polling")
            .unwrap();
        assert_eq!(seen, b"eerstetweedederde");
        assert!(
            stats.polled_reads.load(Ordering::Relaxed) >= 2,
            "the second and third message arrive while the connection polls"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_request_larger_than_one_polled_read_arrives_whole() {
        let tcp = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let stats = Arc::new(BusyPollStats::default());
        let mut listener = BusyPollListener::new(tcp, Duration::from_secs(30), Arc::clone(&stats));
        let addr = listener.local_addr().unwrap();
        let message: Vec<u8> = (0..3 * POLL_READ_MAX + 17)
            .map(|i| u8::try_from(i % 251).unwrap())
            .collect();
        let length = message.len();
        let server = tokio::spawn(async move {
            let (mut conn, _) = listener.accept().await;
            // An answer first: the polling window starts when it is written.
            conn.write_all(b"welkom").await.unwrap();
            let mut got = Vec::new();
            let mut buf = vec![0u8; 4 * POLL_READ_MAX];
            while got.len() < length {
                let n = conn.read(&mut buf).await.unwrap();
                assert!(n > 0, "the client closed early");
                got.extend_from_slice(&buf[..n]);
            }
            got
        });
        let mut client = TcpStream::connect(addr).await.unwrap();
        let mut welcome = [0u8; 6];
        client.read_exact(&mut welcome).await.unwrap();
        tokio::time::sleep(Duration::from_millis(20)).await;
        client.write_all(&message).await.unwrap();
        let got = tokio::time::timeout(Duration::from_secs(10), server)
            .await
            .expect("the whole request is read")
            .unwrap();
        assert_eq!(got, message, "every byte, in order");
        assert!(
            stats.polled_reads.load(Ordering::Relaxed) >= 2,
            "a polled read takes at most {POLL_READ_MAX} bytes, so this takes several"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn after_the_window_the_connection_waits_to_be_woken() {
        let (addr, stats, task) = echo(Duration::from_micros(100)).await;
        talk(addr, &[b"een", b"twee"], Duration::from_millis(50)).await;
        let seen = task.await.unwrap();
        assert_eq!(seen, b"eentwee");
        assert_eq!(stats.polled_reads.load(Ordering::Relaxed), 0);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_window_of_zero_never_polls() {
        let (addr, stats, task) = echo(Duration::ZERO).await;
        talk(addr, &[b"een", b"twee"], Duration::from_millis(5)).await;
        assert_eq!(task.await.unwrap(), b"eentwee");
        assert_eq!(stats.polled_reads.load(Ordering::Relaxed), 0);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_window_starts_when_the_answer_is_written() {
        // hyper looks at the socket once more while the handler works (to
        // notice a client that hangs up). A handler that takes longer than
        // the window must still find its connection polling for the next
        // request after it has answered.
        let window = Duration::from_millis(50);
        let tcp = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let stats = Arc::new(BusyPollStats::default());
        let listener = BusyPollListener::new(tcp, window, Arc::clone(&stats));
        let addr = listener.local_addr().unwrap();
        let app = axum::Router::new().route(
            "/",
            axum::routing::get(move || async move {
                tokio::time::sleep(window * 3).await;
                "klaar"
            }),
        );
        tokio::spawn(async move { axum::serve(listener, app).await });
        let mut client = TcpStream::connect(addr).await.unwrap();
        let mut polled_before = 0;
        for i in 0..3 {
            if i == 1 {
                polled_before = stats.polled_reads.load(Ordering::Relaxed);
            }
            client
                .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                .await
                .unwrap();
            let mut answer = Vec::new();
            while !answer.ends_with(b"klaar") {
                let mut buf = [0u8; 256];
                let n = client.read(&mut buf).await.unwrap();
                assert!(n > 0, "the server closed the connection");
                answer.extend_from_slice(&buf[..n]);
            }
        }
        assert_eq!(
            stats.polled_reads.load(Ordering::Relaxed) - polled_before,
            2,
            "the second and third request come within the window after an answer"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_connection_does_not_poll_while_another_has_requests() {
        // The window is 30 s, so the first connection polls after its
        // answer; a request on a second connection shows the server has
        // more than one client busy, and from then on the first waits to be
        // woken for its next request.
        let tcp = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let stats = Arc::new(BusyPollStats::default());
        let listener = BusyPollListener::new(tcp, Duration::from_secs(30), Arc::clone(&stats));
        let addr = serve_echo(listener);
        let mut first = TcpStream::connect(addr).await.unwrap();
        exchange(&mut first, b"a").await;
        assert_eq!(
            polled_reads_of_next(&stats, &mut first, b"b").await,
            1,
            "alone, the first connection reads its next request by polling"
        );
        let mut second = TcpStream::connect(addr).await.unwrap();
        exchange(&mut second, b"c").await;
        assert_eq!(
            polled_reads_of_next(&stats, &mut first, b"d").await,
            0,
            "after the second connection's request, the first one's next is not polled"
        );
        // The first connection read last now, but two connections were
        // busy within the window: it still does not poll.
        assert_eq!(
            polled_reads_of_next(&stats, &mut first, b"e").await,
            0,
            "two clients were busy within the window: the first does not poll"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_window_after_the_other_client_the_connection_polls_again() {
        let window = Duration::from_millis(200);
        let tcp = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let stats = Arc::new(BusyPollStats::default());
        let listener = BusyPollListener::new(tcp, window, Arc::clone(&stats));
        let addr = serve_echo(listener);
        let mut first = TcpStream::connect(addr).await.unwrap();
        let mut second = TcpStream::connect(addr).await.unwrap();
        exchange(&mut first, b"a").await;
        exchange(&mut second, b"b").await;
        // Two clients were busy; after more than two windows it is one again.
        tokio::time::sleep(window * 3).await;
        exchange(&mut first, b"c").await;
        assert_eq!(
            polled_reads_of_next(&stats, &mut first, b"d").await,
            1,
            "one client busy again: its next request is read by polling"
        );
    }

    /// Sends `m` 20 ms after the last answer (within the window) and reads
    /// its echo; returns how many reads found their data by polling meanwhile.
    async fn polled_reads_of_next(stats: &BusyPollStats, client: &mut TcpStream, m: &[u8]) -> u64 {
        let before = stats.polled_reads.load(Ordering::Relaxed);
        tokio::time::sleep(Duration::from_millis(20)).await;
        exchange(client, m).await;
        stats.polled_reads.load(Ordering::Relaxed) - before
    }

    /// Echoes every read of every connection of `listener`.
    fn serve_echo(mut listener: BusyPollListener<TcpListener>) -> SocketAddr {
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            loop {
                let (mut conn, _) = listener.accept().await;
                tokio::spawn(async move {
                    let mut buf = [0u8; 64];
                    while let Ok(n) = conn.read(&mut buf).await {
                        if n == 0 || conn.write_all(&buf[..n]).await.is_err() {
                            return;
                        }
                    }
                });
            }
        });
        addr
    }

    /// Sends `m` and reads its echo.
    async fn exchange(client: &mut TcpStream, m: &[u8]) {
        client.write_all(m).await.unwrap();
        let mut back = vec![0u8; m.len()];
        client.read_exact(&mut back).await.unwrap();
        assert_eq!(back, m);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 1)]
    async fn a_polling_connection_lets_the_others_through() {
        // One worker: if polling held the thread, the second connection
        // would not be served until the first one's window ran out.
        let tcp = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let listener = BusyPollListener::new(tcp, Duration::from_secs(30), Arc::default());
        let addr = serve_echo(listener);
        let mut first = TcpStream::connect(addr).await.unwrap();
        exchange(&mut first, b"a").await;
        // `first` now polls for the next 30 s.
        tokio::time::timeout(
            Duration::from_secs(5),
            talk(addr, &[b"b", b"c"], Duration::ZERO),
        )
        .await
        .expect("a second connection is served while the first polls");
    }
}
