//! The wire floor: the benchmark's HTTP client against a thread that answers
//! every request at once with `[]`. No HTTP server, no routing, no search:
//! only the round trip over loopback TCP, the waking of the answering thread
//! and of the client, and the client's own work. No server on this machine
//! can answer faster through the same client, so it shows how much of the
//! HTTP rows is the machine and how much is the server.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};

use super::http_client::{find, Conn};
use crate::contestant::Client;

/// The answer to every request.
const ANSWER: &[u8] =
    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n[]";

/// A listening thread on a free loopback port; one answering thread per
/// connection (each ends when its client closes).
pub struct Wire {
    addr: String,
}

impl Wire {
    /// Starts listening.
    pub fn start() -> anyhow::Result<Wire> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?.to_string();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                std::thread::spawn(move || answer(stream));
            }
        });
        Ok(Wire { addr })
    }

    /// A client with its own connection.
    pub fn client(&self) -> Box<dyn Client> {
        Box::new(WireClient {
            conn: Conn::new(&self.addr),
        })
    }
}

/// Answers each request (up to its blank line) on `stream` until it closes.
fn answer(mut stream: TcpStream) {
    if stream.set_nodelay(true).is_err() {
        return;
    }
    let mut buf = vec![0u8; 16 * 1024];
    let mut have = 0;
    loop {
        match stream.read(&mut buf[have..]) {
            Ok(0) | Err(_) => return,
            Ok(n) => have += n,
        }
        while let Some(end) = find(&buf[..have], b"\r\n\r\n") {
            if stream.write_all(ANSWER).is_err() {
                return;
            }
            buf.copy_within(end + 4..have, 0);
            have -= end + 4;
        }
        if have == buf.len() {
            return; // a request longer than any the client sends
        }
    }
}

struct WireClient {
    conn: Conn,
}

impl Client for WireClient {
    fn query(&mut self, _q: &str, _k: usize) -> anyhow::Result<Vec<String>> {
        let body = self.conn.get("/")?;
        anyhow::ensure!(
            body == b"[]",
            "unexpected answer {}",
            String::from_utf8_lossy(body)
        );
        Ok(Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_every_request_on_a_kept_connection() {
        let wire = Wire::start().expect("listen");
        let mut client = wire.client();
        for _ in 0..3 {
            assert!(client.query("wet", 10).expect("answer").is_empty());
        }
        let mut other = wire.client();
        assert!(other.query("zorg", 10).expect("answer").is_empty());
    }
}
