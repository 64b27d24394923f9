//! One runtime per core: the server's connections are dealt round-robin over
//! `WebConfig::threads` threads, each with its own single-threaded tokio
//! runtime, and a connection stays on its thread for its whole life.
//!
//! Why not one multi-threaded runtime: with work stealing, a connection's
//! next request is often picked up by the other worker (the one waiting for
//! I/O), so a search runs on a core whose caches hold none of its data, and
//! every request costs the other worker a wake-up. Measured on the search
//! benchmark's 1-client run, that was 10–25 % of the round trip. Per-core
//! runtimes keep the cores busy under load as before: 8 clients are dealt
//! 4 and 4.
//!
//! Accepting stays on the caller's runtime; so do the signal handling and
//! the background jobs (mail, expiry).

use std::future::{Future, IntoFuture};
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::serve::ListenerExt;
use axum::Router;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot, watch};

use crate::busy_poll::{BusyPollListener, BusyPollStats};

/// Connections handed to one thread.
type Handed = mpsc::UnboundedReceiver<(std::net::TcpStream, SocketAddr)>;

/// The accepted connections of one thread, as an axum listener.
struct Handoff {
    incoming: Handed,
    local: SocketAddr,
}

impl axum::serve::Listener for Handoff {
    type Io = TcpStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        // `None`: the acceptor has stopped and shutdown is under way.
        while let Some((stream, addr)) = self.incoming.recv().await {
            match TcpStream::from_std(stream) {
                Ok(stream) => return (stream, addr),
                Err(e) => tracing::warn!(error = %e, "verbinding niet overgenomen"),
            }
        }
        std::future::pending().await
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        Ok(self.local)
    }
}

/// Serves `router` on `listener` with `threads` runtimes until `shutdown`
/// completes; then every thread finishes its requests in flight.
pub(crate) async fn serve(
    router: Router,
    listener: TcpListener,
    threads: usize,
    busy_poll: Duration,
    shutdown: impl Future<Output = ()>,
) -> io::Result<()> {
    let local = listener.local_addr()?;
    let threads = threads.max(1);
    let stats = Arc::new(BusyPollStats::default());
    let (stop, stopped) = watch::channel(false);
    let mut hand = Vec::with_capacity(threads);
    let mut finished = Vec::with_capacity(threads);
    for i in 0..threads {
        let (to_thread, incoming) = mpsc::unbounded_channel();
        let (done, result) = oneshot::channel();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let listener =
            BusyPollListener::new(Handoff { incoming, local }, busy_poll, Arc::clone(&stats))
                .tap_io(|stream| stream.set_nodelay());
        let service = router
            .clone()
            .into_make_service_with_connect_info::<SocketAddr>();
        let mut stopped = stopped.clone();
        std::thread::Builder::new()
            .name(format!("watwerkt-web-{i}"))
            .spawn(move || {
                let served = runtime.block_on(
                    axum::serve(listener, service)
                        .with_graceful_shutdown(async move {
                            let _ = stopped.wait_for(|s| *s).await;
                        })
                        .into_future(),
                );
                drain(&runtime);
                let _ = done.send(served);
            })?;
        hand.push(to_thread);
        finished.push(result);
    }
    accept(&listener, &hand, shutdown).await;
    drop(listener);
    drop(hand);
    let _ = stop.send(true);
    let mut outcome = Ok(());
    for result in finished {
        let served = result.await.unwrap_or_else(|_| {
            Err(io::Error::other(
                "een webserverthread is onverwacht gestopt",
            ))
        });
        if let Err(e) = served {
            tracing::error!(error = %e, "webserverthread");
            outcome = Err(e);
        }
    }
    outcome
}

/// How long a stopping thread waits for the work its requests started in
/// the background (the search log's write, say).
const DRAIN: Duration = Duration::from_secs(10);

/// Lets the tasks that requests spawned on `runtime` finish (up to
/// [`DRAIN`]): dropping the runtime would cancel them halfway.
fn drain(runtime: &tokio::runtime::Runtime) {
    runtime.block_on(async {
        let deadline = tokio::time::Instant::now() + DRAIN;
        while runtime.metrics().num_alive_tasks() > 0 {
            if tokio::time::Instant::now() >= deadline {
                tracing::warn!(
                    taken = runtime.metrics().num_alive_tasks(),
                    "achtergrondtaken niet afgemaakt bij het stoppen"
                );
                return;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    });
}

/// Accepts until `shutdown`, dealing the connections round-robin.
async fn accept(
    listener: &TcpListener,
    hand: &[mpsc::UnboundedSender<(std::net::TcpStream, SocketAddr)>],
    shutdown: impl Future<Output = ()>,
) {
    let mut shutdown = std::pin::pin!(shutdown);
    let mut next = 0;
    loop {
        let accepted = tokio::select! {
            () = &mut shutdown => return,
            accepted = listener.accept() => accepted,
        };
        match accepted.and_then(|(stream, addr)| Ok((stream.into_std()?, addr))) {
            Ok(connection) => {
                if hand[next].send(connection).is_err() {
                    tracing::error!("webserverthread {next} neemt geen verbindingen meer aan");
                    return;
                }
                next = (next + 1) % hand.len();
            }
            Err(e) if is_connection_error(&e) => {}
            Err(e) => {
                // Out of file descriptors and the like: wait, as axum does.
                tracing::error!(error = %e, "verbinding aannemen mislukt");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}

/// An error of the one connection, not of the listener.
fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    /// A GET on a fresh connection: the body of the answer.
    fn get(addr: SocketAddr, path: &str) -> String {
        let mut c = std::net::TcpStream::connect(addr).unwrap();
        write!(
            c,
            "GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut answer = String::new();
        c.read_to_string(&mut answer).unwrap();
        answer
            .split("\r\n\r\n")
            .nth(1)
            .unwrap_or_default()
            .to_string()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn work_a_request_started_in_the_background_is_finished_before_the_server_stops() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let done = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&done);
        let router = Router::new().route(
            "/",
            axum::routing::get(move || {
                let flag = Arc::clone(&flag);
                async move {
                    tokio::spawn(async move {
                        tokio::time::sleep(Duration::from_millis(300)).await;
                        flag.store(true, Ordering::SeqCst);
                    });
                    "ok"
                }
            }),
        );
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(serve(router, listener, 2, Duration::ZERO, async move {
            let _ = stopped.await;
        }));
        let body = tokio::task::spawn_blocking(move || get(addr, "/"))
            .await
            .unwrap();
        assert_eq!(body, "ok");
        stop.send(()).unwrap();
        server.await.unwrap().unwrap();
        assert!(
            done.load(Ordering::SeqCst),
            "the background task ran to its end"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn connections_are_dealt_over_the_threads_and_shutdown_waits_for_them() {
        let router = Router::new().route(
            "/",
            axum::routing::get(|| async {
                std::thread::current()
                    .name()
                    .unwrap_or_default()
                    .to_string()
            }),
        );
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(serve(
            router,
            listener,
            3,
            Duration::from_micros(200),
            async move {
                let _ = stopped.await;
            },
        ));
        let names =
            tokio::task::spawn_blocking(move || (0..6).map(|_| get(addr, "/")).collect::<Vec<_>>())
                .await
                .unwrap();
        assert_eq!(
            names,
            [
                "watwerkt-web-0",
                "watwerkt-web-1",
                "watwerkt-web-2",
                "watwerkt-web-0",
                "watwerkt-web-1",
                "watwerkt-web-2"
            ]
        );
        stop.send(()).unwrap();
        tokio::time::timeout(Duration::from_secs(10), server)
            .await
            .expect("the server stops")
            .unwrap()
            .unwrap();
        assert!(
            std::net::TcpStream::connect(addr).is_err(),
            "after shutdown nothing listens"
        );
    }
}
