//! A minimal HTTP/1.1 client for the benchmark: one keep-alive connection,
//! `GET` only, answers with a `Content-Length`.
//!
//! A load generator shares the two cores with the server it measures, so it
//! should cost as little as it can (as `wrk` does). ureq, used before, built
//! and parsed each request through its general machinery: about 14 µs of the
//! cores per request on the HTTP floor alone, a fifth of what the floor cost.
//! This client writes the request line and reads the answer into one reused
//! buffer; it checks the status and the length like any client.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::ops::Range;

/// One connection to `addr`, opened on first use and kept open.
pub struct Conn {
    addr: String,
    stream: Option<TcpStream>,
    buf: Vec<u8>,
    request: Vec<u8>,
}

impl Conn {
    /// A connection to `addr` (`host:port`), not yet opened.
    pub fn new(addr: &str) -> Conn {
        Conn {
            addr: addr.to_string(),
            stream: None,
            buf: Vec::with_capacity(16 * 1024),
            request: Vec::with_capacity(512),
        }
    }

    /// `GET path` (path and query, already encoded): the body of a `200`.
    /// A kept connection that the server closed is opened again once.
    pub fn get(&mut self, path: &str) -> anyhow::Result<&[u8]> {
        let reused = self.stream.is_some();
        let body = match self.exchange(path) {
            Ok(body) => body,
            Err(e) if reused && e.downcast_ref::<std::io::Error>().is_some() => {
                self.stream = None;
                self.exchange(path)?
            }
            Err(e) => return Err(e),
        };
        Ok(&self.buf[body])
    }

    fn exchange(&mut self, path: &str) -> anyhow::Result<Range<usize>> {
        if self.stream.is_none() {
            let stream = TcpStream::connect(&self.addr)?;
            stream.set_nodelay(true)?;
            self.stream = Some(stream);
        }
        let Some(stream) = self.stream.as_mut() else {
            anyhow::bail!("no connection");
        };
        self.request.clear();
        write!(
            self.request,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nAccept: application/json\r\n\r\n",
            self.addr
        )?;
        stream.write_all(&self.request)?;
        self.buf.clear();
        let head_end = loop {
            if let Some(i) = find(&self.buf, b"\r\n\r\n") {
                break i + 4;
            }
            read_more(stream, &mut self.buf)?;
        };
        let head = std::str::from_utf8(&self.buf[..head_end])?;
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap_or_default();
        let ok = status_line.starts_with("HTTP/1.1 200 ");
        let status = (!ok).then(|| status_line.to_string());
        let mut length = None;
        let mut close = false;
        for line in lines {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            if name.eq_ignore_ascii_case("content-length") {
                length = Some(value.parse::<usize>()?);
            } else if name.eq_ignore_ascii_case("transfer-encoding") {
                anyhow::bail!("unexpected transfer-encoding {value} (only Content-Length is read)");
            } else if name.eq_ignore_ascii_case("connection") && value.eq_ignore_ascii_case("close")
            {
                close = true;
            }
        }
        let Some(length) = length else {
            anyhow::bail!("answer without Content-Length: {status_line}");
        };
        while self.buf.len() < head_end + length {
            read_more(stream, &mut self.buf)?;
        }
        anyhow::ensure!(
            self.buf.len() == head_end + length,
            "more bytes than the answer's Content-Length"
        );
        if close {
            self.stream = None;
        }
        if let Some(status) = status {
            anyhow::bail!(
                "{status}: {}",
                String::from_utf8_lossy(&self.buf[head_end..])
            );
        }
        Ok(head_end..head_end + length)
    }
}

fn read_more(stream: &mut TcpStream, buf: &mut Vec<u8>) -> anyhow::Result<()> {
    let mut chunk = [0u8; 8192];
    let n = stream.read(&mut chunk)?;
    if n == 0 {
        return Err(std::io::Error::from(std::io::ErrorKind::UnexpectedEof).into());
    }
    buf.extend_from_slice(&chunk[..n]);
    Ok(())
}

/// Where `needle` first stands in `haystack`.
pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `s` as a query-string value (`application/x-www-form-urlencoded`).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(HEX[usize::from(b >> 4)] as char);
                out.push(HEX[usize::from(b & 15)] as char);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::encode;

    #[test]
    fn query_values_are_form_encoded() {
        assert_eq!(encode("Wet op de zorg"), "Wet+op+de+zorg");
        assert_eq!(encode("a&b=c/d"), "a%26b%3Dc%2Fd");
        assert_eq!(encode("regio’s"), "regio%E2%80%99s");
        assert_eq!(encode("\"x\""), "%22x%22");
    }
}
