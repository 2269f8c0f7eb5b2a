//! Running the pipeline over a corpus: documents are read as a stream, in
//! batches of a megabyte, and each batch is analysed on every core (rayon);
//! results are combined in a way that does not depend on the thread
//! schedule, so `--jobs 1` and `--jobs N` give byte-identical output, and
//! memory holds a few batches at a time, whatever the size of the corpus.

use crate::error::{Error, Result};
use crate::export::mentions::to_json_line;
use crate::graph::{GraphBuilder, GraphOptions};
use crate::input::{read_source, Source};
use crate::pipeline::{Analysis, Document, Extractor};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};

/// How to run over a corpus.
#[derive(Debug, Clone, Copy)]
pub struct RunOptions {
    /// Worker threads (1 = no thread pool at all).
    pub jobs: usize,
    /// Replace invalid UTF-8 instead of failing.
    pub lossy: bool,
    /// Text bytes per batch: the unit of parallel work and of memory.
    pub batch_bytes: usize,
}

impl Default for RunOptions {
    fn default() -> Self {
        Self { jobs: 1, lossy: false, batch_bytes: 1 << 20 }
    }
}

/// Calls `each` with every batch of documents, in input order, then
/// `progress` with the number of text bytes read so far.
fn batches(
    sources: &[Source],
    run: RunOptions,
    progress: &mut dyn FnMut(u64),
    mut each: impl FnMut(Vec<Document>) -> Result<()>,
) -> Result<()> {
    let mut batch = Vec::new();
    let (mut size, mut done) = (0usize, 0u64);
    for source in sources {
        read_source(source, run.lossy, |doc| {
            size += doc.text.len();
            batch.push(doc);
            if size >= run.batch_bytes {
                each(std::mem::take(&mut batch))?;
                done += size as u64;
                progress(done);
                size = 0;
            }
            Ok(())
        })?;
    }
    if !batch.is_empty() {
        each(batch)?;
        progress(done + size as u64);
    }
    Ok(())
}

/// [`batches`] with reading on a thread of its own, one batch ahead, so the
/// workers never wait for the reader; `each` runs on the calling thread.
fn read_ahead(
    sources: &[Source],
    run: RunOptions,
    progress: &mut dyn FnMut(u64),
    mut each: impl FnMut(Vec<Document>) -> Result<()>,
) -> Result<()> {
    if run.jobs <= 1 {
        return batches(sources, run, progress, each);
    }
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(Vec<Document>, u64)>(1);
        let reader = scope.spawn(move || {
            let mut read = 0;
            batches(sources, run, &mut |done| read = done, |docs| {
                let size = docs.iter().map(|d| d.text.len() as u64).sum::<u64>();
                // The receiver only hangs up after an error of its own, which wins.
                let _ = tx.send((docs, size));
                Ok(())
            })
            .map(|()| read)
        });
        let mut done = 0;
        let mut failed = None;
        for (docs, size) in rx {
            if failed.is_none() {
                failed = each(docs).err();
                done += size;
                progress(done);
            }
        }
        let read = reader.join().expect("the reader thread does not panic");
        match failed {
            Some(e) => Err(e),
            None => read.map(|_| ()),
        }
    })
}

fn pool(jobs: usize) -> Result<Option<rayon::ThreadPool>> {
    if jobs <= 1 {
        return Ok(None);
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map(Some)
        .map_err(|e| Error::Invalid(format!("cannot start {jobs} worker threads: {e}")))
}

/// Build the graph of every document in `sources`.
///
/// # Errors
/// Reading errors (I/O, invalid UTF-8, malformed JSONL).
pub fn build_graph(
    extractor: &Extractor,
    sources: &[Source],
    options: &GraphOptions,
    run: RunOptions,
    progress: &mut dyn FnMut(u64),
) -> Result<GraphBuilder> {
    let Some(pool) = pool(run.jobs)? else {
        let mut graph = GraphBuilder::new(options.clone());
        let mut analysis = Analysis::default();
        batches(sources, run, progress, |docs| {
            for doc in &docs {
                extractor.analyse_into(&doc.text, &mut analysis);
                graph.add(doc, &analysis);
            }
            Ok(())
        })?;
        return Ok(graph);
    };
    // One partial graph and one analysis (its buffers and the tagger's word
    // memo) per worker thread, reused chunk after chunk and batch after
    // batch: a worker's memo stays in its own core's caches, and partial
    // graphs are merged once at the end, not once per chunk.
    let workers: Vec<Mutex<(GraphBuilder, Analysis)>> = (0..pool.current_num_threads())
        .map(|_| Mutex::new((GraphBuilder::new(options.clone()), Analysis::default())))
        .collect();
    let in_flight = Gate::new(BATCHES_IN_FLIGHT);
    pool.in_place_scope_fifo(|scope| {
        read_ahead(sources, run, progress, |docs| {
            // Workers go on to this batch while the last one's final chunks
            // finish: no worker waits for another at a batch boundary. The
            // gate bounds the batches held, so memory stays flat.
            in_flight.enter();
            let docs = Arc::new(docs);
            // A few chunks per worker: enough to balance the load.
            let chunk = docs.len().div_ceil(run.jobs * 4).max(1);
            let chunks = docs.len().div_ceil(chunk);
            let left = Arc::new(AtomicUsize::new(chunks));
            for start in (0..docs.len()).step_by(chunk) {
                let (docs, left) = (Arc::clone(&docs), Arc::clone(&left));
                let (workers, in_flight) = (&workers, &in_flight);
                scope.spawn_fifo(move |_| {
                    let me = rayon::current_thread_index().expect("spawned on the pool");
                    let mut mine = workers[me].lock().expect("no worker panics");
                    let (part, analysis) = &mut *mine;
                    for doc in &docs[start..docs.len().min(start + chunk)] {
                        extractor.analyse_into(&doc.text, analysis);
                        part.add(doc, analysis);
                    }
                    drop(mine);
                    if left.fetch_sub(1, Ordering::AcqRel) == 1 {
                        in_flight.leave();
                    }
                });
            }
            Ok(())
        })
    })?;
    // Partial graphs merge in an order-independent way.
    let mut graph = GraphBuilder::new(options.clone());
    for worker in workers {
        graph.merge(worker.into_inner().expect("no worker panics").0);
    }
    Ok(graph)
}

/// Batches being analysed at once with `--jobs` above 1: the one whose last
/// chunks are finishing and the next.
const BATCHES_IN_FLIGHT: usize = 2;

/// A counting semaphore: `enter` waits while `limit` holders are inside.
struct Gate {
    inside: Mutex<usize>,
    changed: Condvar,
    limit: usize,
}

impl Gate {
    const fn new(limit: usize) -> Self {
        Self { inside: Mutex::new(0), changed: Condvar::new(), limit }
    }

    fn enter(&self) {
        let inside = self.inside.lock().expect("no worker panics");
        let mut inside = self.changed.wait_while(inside, |n| *n >= self.limit).expect("no worker panics");
        *inside += 1;
    }

    fn leave(&self) {
        *self.inside.lock().expect("no worker panics") -= 1;
        self.changed.notify_one();
    }
}

/// Write one `extract` JSON line per document of `sources` to `out`, in input order.
///
/// # Errors
/// Reading errors, and write errors (reported against `out_name`).
pub fn extract(
    extractor: &Extractor,
    sources: &[Source],
    run: RunOptions,
    out: &mut dyn Write,
    out_name: &str,
    progress: &mut dyn FnMut(u64),
) -> Result<()> {
    let io = |source| Error::Io { path: out_name.into(), source };
    let Some(pool) = pool(run.jobs)? else {
        // One reused Analysis: its buffers serve document after document.
        let mut analysis = Analysis::default();
        return batches(sources, run, progress, |docs| {
            for doc in &docs {
                extractor.analyse_into(&doc.text, &mut analysis);
                out.write_all(&to_json_line(doc, &analysis)).map_err(io)?;
            }
            Ok(())
        });
    };
    // One analysis per worker thread, as in `build_graph`.
    let workers: Vec<Mutex<Analysis>> = (0..pool.current_num_threads()).map(|_| Mutex::default()).collect();
    let mut pending = std::collections::VecDeque::new();
    pool.in_place_scope_fifo(|scope| {
        read_ahead(sources, run, progress, |docs| {
            // Workers go on to this batch while the one before is finishing;
            // the oldest is written out, in order, before a third is started.
            if pending.len() == BATCHES_IN_FLIGHT {
                write_in_order(pending.pop_front().expect("a batch is pending"), out).map_err(io)?;
            }
            let docs = Arc::new(docs);
            let chunk = docs.len().div_ceil(run.jobs * 4).max(1);
            let (done, finished) = std::sync::mpsc::channel();
            let starts: Vec<usize> = (0..docs.len()).step_by(chunk).collect();
            let lines: Arc<Vec<Mutex<Vec<u8>>>> = Arc::new(starts.iter().map(|_| Mutex::default()).collect());
            for (k, &start) in starts.iter().enumerate() {
                let (docs, lines, done, workers) = (Arc::clone(&docs), Arc::clone(&lines), done.clone(), &workers);
                scope.spawn_fifo(move |_| {
                    let me = rayon::current_thread_index().expect("spawned on the pool");
                    let mut analysis = workers[me].lock().expect("no worker panics");
                    let mut buf = Vec::new();
                    for doc in &docs[start..docs.len().min(start + chunk)] {
                        extractor.analyse_into(&doc.text, &mut analysis);
                        buf.extend_from_slice(&to_json_line(doc, &analysis));
                    }
                    *lines[k].lock().expect("no worker panics") = buf;
                    // The receiver hangs up only after a write error, which wins.
                    let _ = done.send(());
                });
            }
            pending.push_back(PendingLines { lines, finished });
            Ok(())
        })?;
        pending.into_iter().try_for_each(|batch| write_in_order(batch, out).map_err(io))
    })
}

/// A batch of `extract` lines being made: one buffer per chunk, and a
/// message from each chunk when its buffer is filled.
struct PendingLines {
    lines: Arc<Vec<Mutex<Vec<u8>>>>,
    finished: std::sync::mpsc::Receiver<()>,
}

/// Wait for every chunk of a batch of `extract` lines, then write them in order.
fn write_in_order(batch: PendingLines, out: &mut dyn Write) -> std::io::Result<()> {
    for _ in 0..batch.lines.len() {
        batch.finished.recv().expect("every chunk reports before its sender drops");
    }
    for chunk in batch.lines.iter() {
        out.write_all(&chunk.lock().expect("no worker panics"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    /// Many small documents in one JSONL file, so batches really split them.
    fn corpus() -> (tempfile::TempDir, Vec<Source>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.jsonl");
        let texts = [
            "Vladimir Putin thanked Kim Jong-un in Moscow.",
            "Emmanuel Macron met Olaf Scholz in Berlin.",
            "The Labour Party criticised Prime Minister Rishi Sunak.",
            "Putin and Xi Jinping signed an agreement.",
        ];
        let lines: Vec<String> = (0..200).map(|i| format!("{{\"text\": {:?}}}", texts[i % texts.len()])).collect();
        std::fs::write(&path, lines.join("\n")).unwrap();
        (dir, vec![Source::Jsonl(path)])
    }

    #[test]
    fn jobs_do_not_change_the_graph() {
        let extractor = Extractor::new(Lexicon::embedded());
        let (_dir, sources) = corpus();
        let options = GraphOptions::default();
        let json = |jobs| {
            let run = RunOptions { jobs, batch_bytes: 1000, ..RunOptions::default() };
            let graph = build_graph(&extractor, &sources, &options, run, &mut |_| {}).unwrap().build();
            crate::export::json::to_json(&graph)
        };
        let one = json(1);
        assert_eq!(one, json(2));
        assert_eq!(one, json(3));
        assert!(String::from_utf8(one).unwrap().contains("person:vladimir-putin"));
    }

    #[test]
    fn gate_holds_no_more_than_its_limit() {
        let gate = Gate::new(2);
        let (now, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| {
                    gate.enter();
                    let inside = now.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(inside, Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(5));
                    now.fetch_sub(1, Ordering::SeqCst);
                    gate.leave();
                });
            }
        });
        // Eight threads sleeping inside: without the gate, more than two overlap.
        assert!(most.into_inner() <= 2);
    }

    #[test]
    fn jobs_do_not_change_extract_order() {
        let extractor = Extractor::new(Lexicon::embedded());
        let (_dir, sources) = corpus();
        let lines = |jobs| {
            let mut out = Vec::new();
            let run = RunOptions { jobs, batch_bytes: 1000, ..RunOptions::default() };
            extract(&extractor, &sources, run, &mut out, "-", &mut |_| {}).unwrap();
            out
        };
        let one = lines(1);
        assert_eq!(one, lines(2));
        assert_eq!(String::from_utf8(one).unwrap().lines().count(), 200);
    }
}
