//! Clients that queue their queries for a fixed set of workers, the way an
//! application server with a pool sized to the cores would serve them.

use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};
use std::sync::{Arc, Mutex};

use crate::contestant::Client;

type Job = (String, usize, SyncSender<anyhow::Result<Vec<String>>>);

/// Starts one worker thread per given client; returns `n` clients that queue
/// their queries for those workers (first come, first served).
pub fn pooled(workers: Vec<Box<dyn Client>>, n: usize) -> Vec<Box<dyn Client>> {
    let (tx, rx) = channel::<Job>();
    let rx = Arc::new(Mutex::new(rx));
    for mut worker in workers {
        let rx: Arc<Mutex<Receiver<Job>>> = rx.clone();
        std::thread::spawn(move || loop {
            let job = match rx.lock() {
                Ok(guard) => guard.recv(),
                Err(_) => return,
            };
            let Ok((q, k, reply)) = job else { return };
            let _ = reply.send(worker.query(&q, k));
        });
    }
    (0..n)
        .map(|_| Box::new(PooledClient { tx: tx.clone() }) as Box<dyn Client>)
        .collect()
}

struct PooledClient {
    tx: Sender<Job>,
}

impl Client for PooledClient {
    fn query(&mut self, q: &str, k: usize) -> anyhow::Result<Vec<String>> {
        let (reply, answer) = sync_channel(1);
        self.tx
            .send((q.to_string(), k, reply))
            .map_err(|_| anyhow::anyhow!("pool stopped"))?;
        answer.recv()?
    }
}
