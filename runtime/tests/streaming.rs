//! Streamed downloads and uploads against real local servers, with the heap
//! of this test process measured by a counting allocator; and the typed
//! `If-Match`, `If-None-Match` and `Prefer` headers.
//!
//! The 100 MiB transfers are served by a raw TCP server that makes (or
//! checks) the bytes on the fly, so that only the client could hold them in
//! memory. Tests run one at a time (see [`run`]) so that the peak heap of
//! one is not raised by another.

use std::alloc::{GlobalAlloc, Layout, System};
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use docgen_runtime::{Bytes, Client, Error, Json, Method, NoContent, Node, StaticToken};
use futures_util::stream::{self, StreamExt};
use serde_json::json;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

// ---------------------------------------------------------------------------
// Heap measurement

/// The system allocator, counting the bytes live and their peak.
struct Counting;

/// Bytes allocated and not yet freed.
static LIVE: AtomicUsize = AtomicUsize::new(0);
/// The highest value of [`LIVE`] since the last [`peak_growth`] started.
static PEAK: AtomicUsize = AtomicUsize::new(0);

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn grew(size: usize) {
    let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

fn shrank(size: usize) {
    LIVE.fetch_sub(size, Ordering::Relaxed);
}

// SAFETY: every call is passed on to `System` unchanged; the counters do
// not allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = System.alloc(layout);
        if !pointer.is_null() {
            grew(layout.size());
        }
        pointer
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let pointer = System.alloc_zeroed(layout);
        if !pointer.is_null() {
            grew(layout.size());
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        System.dealloc(pointer, layout);
        shrank(layout.size());
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = System.realloc(pointer, layout, new_size);
        if !moved.is_null() {
            if new_size > layout.size() {
                grew(new_size - layout.size());
            } else {
                shrank(layout.size() - new_size);
            }
        }
        moved
    }
}

/// Runs `work` and returns its output and how far the heap of the whole
/// process rose above its level at the start.
async fn peak_growth<T>(work: impl Future<Output = T>) -> (T, usize) {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let output = work.await;
    let growth = PEAK.load(Ordering::Relaxed).saturating_sub(before);
    (output, growth)
}

/// The most the heap may grow while 100 MiB go through.
const MEMORY_LIMIT: usize = 16 * 1024 * 1024;

/// One mebibyte.
const MIB: u64 = 1024 * 1024;

/// The size of the large transfers.
const LARGE: u64 = 100 * MIB;

// ---------------------------------------------------------------------------
// Running tests one at a time, bounded in time

/// The longest any test here may take.
const TEST_LIMIT: Duration = Duration::from_secs(60);

/// Runs `test` on a runtime of its own, alone: tests of this file never run
/// at the same time, so that a heap measurement sees one test only.
fn run<F: Future<Output = ()>>(test: F) {
    static SERIAL: Mutex<()> = Mutex::new(());
    let _alone = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        tokio::time::timeout(TEST_LIMIT, test)
            .await
            .expect("the test took too long");
    });
}

// ---------------------------------------------------------------------------
// Content made on the fly, and its checksum

/// Size of the blocks content is made of and sent in.
const BLOCK: usize = 64 * 1024;

/// A block of pseudo-random bytes, the same every time.
fn pattern() -> &'static [u8] {
    static PATTERN: OnceLock<Vec<u8>> = OnceLock::new();
    PATTERN.get_or_init(|| {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        (0..BLOCK / 8)
            .flat_map(|_| {
                // xorshift64
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state.to_le_bytes()
            })
            .collect()
    })
}

/// Fills `out` with block `index` of the content: the pattern, its first
/// eight bytes replaced by the index, so that no two blocks are alike.
fn fill_block(index: u64, out: &mut [u8]) {
    let pattern = pattern();
    out.copy_from_slice(&pattern[..out.len()]);
    let stamp = index.to_le_bytes();
    let stamped = out.len().min(8);
    out[..stamped].copy_from_slice(&stamp[..stamped]);
}

/// Block `index` of content `total` bytes long (the last may be short).
fn block(index: u64, total: u64) -> bytes::Bytes {
    let start = index * BLOCK as u64;
    let size = (total - start).min(BLOCK as u64) as usize;
    let mut out = vec![0; size];
    fill_block(index, &mut out);
    bytes::Bytes::from(out)
}

/// The number of blocks of content `total` bytes long.
fn block_count(total: u64) -> u64 {
    total.div_ceil(BLOCK as u64)
}

/// An order-sensitive checksum (FNV-1a over 64-bit words) of bytes fed in
/// pieces of any size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Checksum {
    state: u64,
    len: u64,
    tail: [u8; 8],
    tail_len: usize,
}

impl Checksum {
    fn new() -> Checksum {
        Checksum {
            state: 0xcbf2_9ce4_8422_2325,
            len: 0,
            tail: [0; 8],
            tail_len: 0,
        }
    }

    fn mix(&mut self, word: u64) {
        self.state = (self.state ^ word).wrapping_mul(0x0000_0100_0000_01b3);
    }

    fn update(&mut self, mut data: &[u8]) {
        self.len += data.len() as u64;
        if self.tail_len > 0 {
            let take = (8 - self.tail_len).min(data.len());
            self.tail[self.tail_len..self.tail_len + take].copy_from_slice(&data[..take]);
            self.tail_len += take;
            data = &data[take..];
            if self.tail_len < 8 {
                return;
            }
            self.mix(u64::from_le_bytes(self.tail));
            self.tail_len = 0;
        }
        let mut words = data.chunks_exact(8);
        for word in &mut words {
            let mut bytes = [0; 8];
            bytes.copy_from_slice(word);
            self.mix(u64::from_le_bytes(bytes));
        }
        let rest = words.remainder();
        self.tail[..rest.len()].copy_from_slice(rest);
        self.tail_len = rest.len();
    }

    /// The byte count and the digest of everything fed.
    fn finish(mut self) -> (u64, u64) {
        let mut last = [0; 8];
        last[..self.tail_len].copy_from_slice(&self.tail[..self.tail_len]);
        self.mix(u64::from_le_bytes(last));
        self.mix(self.len);
        (self.len, self.state)
    }
}

/// The byte count and digest of the content `total` bytes long.
fn expected(total: u64) -> (u64, u64) {
    let mut checksum = Checksum::new();
    let mut out = vec![0; BLOCK];
    for index in 0..block_count(total) {
        let start = index * BLOCK as u64;
        let size = (total - start).min(BLOCK as u64) as usize;
        fill_block(index, &mut out[..size]);
        checksum.update(&out[..size]);
    }
    checksum.finish()
}

/// An [`AsyncWrite`] that keeps only the checksum of what it is given.
struct ChecksumWriter(Checksum);

impl AsyncWrite for ChecksumWriter {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.0.update(data);
        Poll::Ready(Ok(data.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

/// An [`AsyncRead`] of content `total` bytes long, made as it is read.
struct ContentReader {
    total: u64,
    position: u64,
}

impl AsyncRead for ContentReader {
    fn poll_read(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        // Never past the end of the current block, so blocks stay aligned.
        let index = self.position / BLOCK as u64;
        let offset = (self.position % BLOCK as u64) as usize;
        let left_in_block = (BLOCK as u64 - offset as u64).min(self.total - self.position);
        let size = (left_in_block as usize).min(buf.remaining());
        if size > 0 {
            let mut whole = [0; BLOCK];
            fill_block(index, &mut whole);
            buf.put_slice(&whole[offset..offset + size]);
            self.position += size as u64;
        }
        Poll::Ready(Ok(()))
    }
}

// ---------------------------------------------------------------------------
// A raw HTTP/1.1 server

/// How the raw server answers one connection.
#[derive(Debug, Clone, Copy)]
enum Answer {
    /// 200 with the content of that many bytes.
    Content(u64),
    /// This status, with `Retry-After` and an empty body.
    Throttle(u16, &'static str),
    /// This status with a body of that many `x`.
    Failure(u16, usize),
    /// 200 announcing `declared` bytes of content, then only `sent` of
    /// them before the connection is closed.
    Cut { declared: u64, sent: u64 },
    /// 200 with `{}` (after the request body was read and checked).
    Received,
}

/// A request as the raw server saw it.
#[derive(Debug, Clone)]
struct Seen {
    /// The request line and headers, lowercased.
    head: String,
    /// Byte count and digest of the body.
    body: (u64, u64),
}

/// A raw HTTP/1.1 server answering connection `n` with `answers[n]` (the
/// last answer once they run out), one request per connection.
struct RawServer {
    address: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl RawServer {
    async fn start(answers: Vec<Answer>) -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&seen);
        tokio::spawn(async move {
            for index in 0.. {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let answer = answers[index.min(answers.len() - 1)];
                let record = Arc::clone(&record);
                tokio::spawn(async move {
                    let _ = serve(stream, answer, record).await;
                });
            }
        });
        RawServer { address, seen }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    fn client(&self) -> Client {
        Client::builder(StaticToken::new("t"))
            .base_url(&self.address)
            .allow_http(true)
            .retry_base_delay(Duration::from_millis(10))
            .build()
            .unwrap()
    }
}

/// Reads one request from `stream`, records it and answers it.
async fn serve(
    mut stream: TcpStream,
    answer: Answer,
    seen: Arc<Mutex<Vec<Seen>>>,
) -> io::Result<()> {
    let mut buffer = vec![0; BLOCK];
    let mut data = Vec::new();
    let end = loop {
        if let Some(end) = data.windows(4).position(|window| window == b"\r\n\r\n") {
            break end;
        }
        let read = stream.read(&mut buffer).await?;
        if read == 0 {
            return Ok(());
        }
        data.extend_from_slice(&buffer[..read]);
    };
    let head = String::from_utf8_lossy(&data[..end]).to_lowercase();
    assert!(
        !head.contains("transfer-encoding"),
        "the raw server reads Content-Length bodies only: {head}"
    );
    let length: u64 = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .map_or(0, |value| value.trim().parse().unwrap());
    let mut checksum = Checksum::new();
    checksum.update(&data[end + 4..]);
    while checksum.len < length {
        let read = stream.read(&mut buffer).await?;
        if read == 0 {
            break;
        }
        checksum.update(&buffer[..read]);
    }
    seen.lock().unwrap().push(Seen {
        head,
        body: checksum.finish(),
    });

    match answer {
        Answer::Content(total) => {
            send_head(&mut stream, "200 OK", total, "").await?;
            send_content(&mut stream, total, total, &mut buffer).await?;
        }
        Answer::Throttle(status, retry_after) => {
            let extra = format!("Retry-After: {retry_after}\r\n");
            send_head(&mut stream, &format!("{status} Busy"), 0, &extra).await?;
        }
        Answer::Failure(status, size) => {
            send_head(&mut stream, &format!("{status} Failed"), size as u64, "").await?;
            let body = vec![b'x'; size];
            stream.write_all(&body).await?;
        }
        Answer::Cut { declared, sent } => {
            send_head(&mut stream, "200 OK", declared, "").await?;
            send_content(&mut stream, declared, sent, &mut buffer).await?;
        }
        Answer::Received => {
            send_head(
                &mut stream,
                "200 OK",
                2,
                "Content-Type: application/json\r\n",
            )
            .await?;
            stream.write_all(b"{}").await?;
        }
    }
    stream.flush().await?;
    stream.shutdown().await
}

async fn send_head(
    stream: &mut TcpStream,
    status: &str,
    length: u64,
    extra: &str,
) -> io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {length}\r\n{extra}Connection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await
}

/// Sends the first `sent` bytes of the content `total` bytes long.
async fn send_content(
    stream: &mut TcpStream,
    total: u64,
    sent: u64,
    buffer: &mut [u8],
) -> io::Result<()> {
    for index in 0..block_count(total) {
        let start = index * BLOCK as u64;
        if start >= sent {
            break;
        }
        let size = (sent - start).min(BLOCK as u64) as usize;
        let whole = (total - start).min(BLOCK as u64) as usize;
        fill_block(index, &mut buffer[..whole]);
        stream.write_all(&buffer[..size]).await?;
    }
    Ok(())
}

/// A GET of a drive item's content, as bytes.
fn content(client: &Client) -> docgen_runtime::Request<'_, Bytes> {
    Node::root(client, "v1.0")
        .literal("me")
        .literal("drive")
        .literal("items")
        .value("item-1")
        .literal("content")
        .request::<Bytes>(Method::GET)
}

/// A PUT of a drive item's content, answered with JSON.
fn put_content(client: &Client) -> docgen_runtime::Request<'_, Json<serde_json::Value>> {
    Node::root(client, "v1.0")
        .literal("me")
        .literal("drive")
        .literal("items")
        .value("item-1")
        .literal("content")
        .request::<Json<serde_json::Value>>(Method::PUT)
}

/// The value of header `name` in a lowercased request head.
fn head_value<'h>(head: &'h str, name: &str) -> Option<&'h str> {
    head.lines()
        .find_map(|line| line.strip_prefix(&format!("{name}:")))
        .map(str::trim)
}

// ---------------------------------------------------------------------------
// Downloads

#[test]
fn a_100_mib_download_is_streamed_in_bounded_memory() {
    run(async {
        let wanted = expected(LARGE);
        let server = RawServer::start(vec![Answer::Content(LARGE)]).await;
        let started = Instant::now();
        let (result, growth) = peak_growth(async {
            let client = server.client();
            let download = content(&client).download().await.unwrap();
            assert_eq!(download.status, 200);
            assert_eq!(download.content_length(), Some(LARGE));
            let mut sink = ChecksumWriter(Checksum::new());
            let written = download.write_to(&mut sink).await.unwrap();
            (written, sink.0.finish())
        })
        .await;
        let (written, received) = result;
        eprintln!(
            "100 MiB download: heap peak growth {growth} bytes ({:.2} MiB), {:?}",
            growth as f64 / MIB as f64,
            started.elapsed()
        );
        assert_eq!(written, LARGE);
        assert_eq!(received, wanted);
        assert!(growth < MEMORY_LIMIT, "the heap grew by {growth} bytes");
    });
}

#[test]
fn the_heap_measure_sees_a_buffered_download() {
    // The same measure as above, around `send`, which keeps the whole body:
    // proof that the measure would catch a download held in memory.
    run(async {
        let size = 24 * MIB;
        let server = RawServer::start(vec![Answer::Content(size)]).await;
        let (body, growth) = peak_growth(async {
            let client = server.client();
            content(&client).send().await.unwrap()
        })
        .await;
        assert_eq!(body.len() as u64, size);
        let mut checksum = Checksum::new();
        checksum.update(&body);
        assert_eq!(checksum.finish(), expected(size));
        assert!(
            growth >= size as usize,
            "the heap grew by {growth} bytes only"
        );
    });
}

#[test]
fn chunks_and_stream_give_the_same_bytes() {
    run(async {
        let size = 3 * MIB + 12_345;
        let server = RawServer::start(vec![Answer::Content(size)]).await;
        let client = server.client();

        let mut download = content(&client).download().await.unwrap();
        let mut by_chunk = Checksum::new();
        while let Some(chunk) = download.chunk().await.unwrap() {
            by_chunk.update(&chunk);
        }
        assert_eq!(download.chunk().await.unwrap(), None);

        let stream = content(&client).download().await.unwrap().into_stream();
        let mut stream = std::pin::pin!(stream);
        let mut by_stream = Checksum::new();
        while let Some(chunk) = stream.next().await {
            by_stream.update(&chunk.unwrap());
        }
        assert_eq!(by_chunk.finish(), expected(size));
        assert_eq!(by_stream.finish(), expected(size));
    });
}

#[test]
fn a_dropped_connection_mid_body_is_a_transport_error() {
    run(async {
        let cut = Answer::Cut {
            declared: 4 * MIB,
            sent: MIB + 100,
        };
        let server = RawServer::start(vec![cut, Answer::Content(4 * MIB)]).await;
        let client = server.client();

        let download = content(&client).download().await.unwrap();
        assert_eq!(download.content_length(), Some(4 * MIB));
        let error = download
            .write_to(&mut ChecksumWriter(Checksum::new()))
            .await
            .unwrap_err();
        let Error::Transport { method, url, .. } = &error else {
            panic!("expected Error::Transport, got {error:?}");
        };
        assert_eq!(method, "GET");
        assert_eq!(
            url,
            &format!("{}/v1.0/me/drive/items/item-1/content", server.address)
        );
        assert!(!error.to_string().contains("Bearer"), "{error}");

        // The same through the stream: the error is yielded, then the end.
        let server = RawServer::start(vec![cut]).await;
        let client = server.client();
        let stream = content(&client).download().await.unwrap().into_stream();
        let items: Vec<_> = stream.collect().await;
        let (last, chunks) = items.split_last().unwrap();
        assert!(chunks.iter().all(Result::is_ok));
        let received: usize = chunks.iter().map(|c| c.as_ref().unwrap().len()).sum();
        assert_eq!(received as u64, MIB + 100);
        assert!(
            matches!(last, Err(Error::Transport { .. })),
            "last item {last:?}"
        );
        // Once the download is handed over, nothing is retried.
        assert_eq!(server.seen().len(), 1);
    });
}

#[test]
fn a_throttled_download_is_retried_after_retry_after() {
    run(async {
        let size = 2 * MIB;
        let server = RawServer::start(vec![
            Answer::Throttle(429, "1"),
            Answer::Throttle(503, "0"),
            Answer::Content(size),
        ])
        .await;
        let client = server.client();
        let started = Instant::now();
        let download = content(&client).download().await.unwrap();
        let elapsed = started.elapsed();
        let mut sink = ChecksumWriter(Checksum::new());
        download.write_to(&mut sink).await.unwrap();
        assert_eq!(sink.0.finish(), expected(size));
        assert!(elapsed >= Duration::from_millis(950), "{elapsed:?}");
        let heads: Vec<String> = server.seen().into_iter().map(|seen| seen.head).collect();
        assert_eq!(heads.len(), 3, "{heads:?}");
        assert_eq!(head_value(&heads[0], "retry-attempt"), None);
        assert_eq!(head_value(&heads[1], "retry-attempt"), Some("1"));
        assert_eq!(head_value(&heads[2], "retry-attempt"), Some("2"));
        assert_eq!(head_value(&heads[2], "authorization"), Some("bearer t"));
    });
}

#[test]
fn a_failed_download_is_an_api_error_with_a_capped_body() {
    run(async {
        let server = RawServer::start(vec![Answer::Failure(404, 4 * MIB as usize)]).await;
        let client = server.client();
        let error = content(&client).download().await.unwrap_err();
        let Error::Api { status, body, .. } = &error else {
            panic!("expected Error::Api, got {error:?}");
        };
        assert_eq!(*status, 404);
        assert_eq!(body.len(), 64 * 1024);
        assert!(body.bytes().all(|byte| byte == b'x'));

        // A 503 once the retries are used up is an Api error too.
        let server = RawServer::start(vec![Answer::Throttle(503, "0")]).await;
        let client = Client::builder(StaticToken::new("t"))
            .base_url(&server.address)
            .allow_http(true)
            .max_retries(1)
            .build()
            .unwrap();
        let error = content(&client).download().await.unwrap_err();
        assert_eq!(error.status(), Some(503), "{error:?}");
        assert_eq!(server.seen().len(), 2);
    });
}

#[test]
fn a_download_failing_to_write_is_a_write_error() {
    struct Full;
    impl AsyncWrite for Full {
        fn poll_write(
            self: Pin<&mut Self>,
            _: &mut Context<'_>,
            _: &[u8],
        ) -> Poll<io::Result<usize>> {
            Poll::Ready(Err(io::Error::new(io::ErrorKind::StorageFull, "disk full")))
        }
        fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }
        fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }
    }
    run(async {
        let server = RawServer::start(vec![Answer::Content(MIB)]).await;
        let client = server.client();
        let download = content(&client).download().await.unwrap();
        let error = download.write_to(&mut Full).await.unwrap_err();
        let Error::Write { url, source } = &error else {
            panic!("expected Error::Write, got {error:?}");
        };
        assert!(
            url.ends_with("/v1.0/me/drive/items/item-1/content"),
            "{url}"
        );
        assert_eq!(source.kind(), io::ErrorKind::StorageFull);
    });
}

#[test]
fn send_still_reads_a_binary_body_whole() {
    run(async {
        let server = RawServer::start(vec![Answer::Throttle(429, "0"), Answer::Content(MIB)]).await;
        let client = server.client();
        let response = content(&client).send_full().await.unwrap();
        assert_eq!(response.status, 200);
        let mut checksum = Checksum::new();
        checksum.update(&response.body);
        assert_eq!(checksum.finish(), expected(MIB));
        assert_eq!(server.seen().len(), 2);
    });
}

// ---------------------------------------------------------------------------
// Uploads

/// The content `total` bytes long as a stream of blocks, made as it is read.
fn content_stream(
    total: u64,
) -> impl futures_util::Stream<Item = Result<bytes::Bytes, io::Error>> + Send + 'static {
    stream::iter(0..block_count(total)).map(move |index| Ok(block(index, total)))
}

#[test]
fn a_100_mib_streamed_upload_is_sent_in_bounded_memory() {
    run(async {
        let wanted = expected(LARGE);
        let server = RawServer::start(vec![Answer::Received]).await;
        let started = Instant::now();
        let (result, growth) = peak_growth(async {
            let client = server.client();
            put_content(&client)
                .stream(
                    "application/octet-stream",
                    Some(LARGE),
                    content_stream(LARGE),
                )
                .send()
                .await
        })
        .await;
        eprintln!(
            "100 MiB streamed upload: heap peak growth {growth} bytes ({:.2} MiB), {:?}",
            growth as f64 / MIB as f64,
            started.elapsed()
        );
        assert_eq!(result.unwrap(), json!({}));
        let seen = server.seen();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].body, wanted);
        assert_eq!(
            head_value(&seen[0].head, "content-length"),
            Some("104857600")
        );
        assert_eq!(
            head_value(&seen[0].head, "content-type"),
            Some("application/octet-stream")
        );
        assert!(growth < MEMORY_LIMIT, "the heap grew by {growth} bytes");
    });
}

#[test]
fn a_100_mib_upload_from_a_reader_is_sent_in_bounded_memory() {
    run(async {
        let wanted = expected(LARGE);
        let server = RawServer::start(vec![Answer::Received]).await;
        let started = Instant::now();
        let (result, growth) = peak_growth(async {
            let client = server.client();
            let reader = ContentReader {
                total: LARGE,
                position: 0,
            };
            put_content(&client)
                .reader("video/mp4", Some(LARGE), reader)
                .send()
                .await
        })
        .await;
        eprintln!(
            "100 MiB upload from a reader: heap peak growth {growth} bytes ({:.2} MiB), {:?}",
            growth as f64 / MIB as f64,
            started.elapsed()
        );
        result.unwrap();
        let seen = server.seen();
        assert_eq!(seen[0].body, wanted);
        assert_eq!(head_value(&seen[0].head, "content-type"), Some("video/mp4"));
        assert!(growth < MEMORY_LIMIT, "the heap grew by {growth} bytes");
    });
}

/// A mock server answering every request with `response`, and a client for it.
async fn mock(response: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    let client = Client::builder(StaticToken::new("t"))
        .base_url(server.uri())
        .allow_http(true)
        .retry_base_delay(Duration::from_millis(10))
        .build()
        .unwrap();
    (server, client)
}

#[test]
fn a_streamed_upload_answered_503_is_returned_not_retried() {
    run(async {
        let (server, client) =
            mock(ResponseTemplate::new(503).insert_header("Retry-After", "0")).await;
        let error = put_content(&client)
            .stream("text/plain", Some(MIB), content_stream(MIB))
            .send()
            .await
            .unwrap_err();
        assert_eq!(error.status(), Some(503), "{error:?}");
        // Give a retry, were there one, time to arrive.
        tokio::time::sleep(Duration::from_millis(200)).await;
        let requests = server.received_requests().await.unwrap();
        assert_eq!(requests.len(), 1);
        let mut checksum = Checksum::new();
        checksum.update(&requests[0].body);
        assert_eq!(checksum.finish(), expected(MIB));
    });
}

#[test]
fn a_stream_of_unknown_length_is_sent_chunked() {
    run(async {
        let (server, client) = mock(ResponseTemplate::new(200).set_body_json(json!({}))).await;
        let size = MIB + 7;
        put_content(&client)
            .stream("application/octet-stream", None, content_stream(size))
            .send()
            .await
            .unwrap();
        let requests = server.received_requests().await.unwrap();
        let request = &requests[0];
        assert_eq!(request.headers["transfer-encoding"], "chunked");
        assert!(request.headers.get("content-length").is_none());
        let mut checksum = Checksum::new();
        checksum.update(&request.body);
        assert_eq!(checksum.finish(), expected(size));
    });
}

#[test]
fn a_failing_or_short_stream_is_a_transport_error() {
    run(async {
        let (_server, client) = mock(ResponseTemplate::new(200).set_body_json(json!({}))).await;
        let failing = stream::iter([
            Ok(bytes::Bytes::from_static(b"first part")),
            Err(io::Error::new(io::ErrorKind::BrokenPipe, "source gone")),
        ]);
        let short = stream::iter([Ok(bytes::Bytes::from_static(b"ten bytes!"))]);
        type Body = Pin<Box<dyn futures_util::Stream<Item = io::Result<bytes::Bytes>> + Send>>;
        let cases: [(Option<u64>, Body); 2] =
            [(None, Box::pin(failing)), (Some(100), Box::pin(short))];
        for (length, body) in cases {
            let error = put_content(&client)
                .stream("text/plain", length, body)
                .send()
                .await
                .unwrap_err();
            let Error::Transport { method, .. } = &error else {
                panic!("expected Error::Transport, got {error:?}");
            };
            assert_eq!(method, "PUT");
        }
    });
}

#[test]
fn a_bytes_body_is_sent_with_its_type_and_replayed_on_retry() {
    run(async {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "f"})))
            .mount(&server)
            .await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "0"))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        let client = Client::builder(StaticToken::new("t"))
            .base_url(server.uri())
            .allow_http(true)
            .build()
            .unwrap();
        let csv = b"id,name\n1,Ada\n".to_vec();
        let created = put_content(&client)
            .header("Content-Type", "text/plain")
            .bytes("text/csv", csv.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(created, json!({"id": "f"}));
        let requests = server.received_requests().await.unwrap();
        assert_eq!(requests.len(), 2);
        for request in &requests {
            assert_eq!(request.body, csv);
            let types: Vec<_> = request.headers.get_all("content-type").iter().collect();
            assert_eq!(types, ["text/csv"]);
            assert_eq!(
                request.headers["content-length"],
                csv.len().to_string().as_str()
            );
        }
    });
}

#[test]
fn a_reader_body_is_sent_with_its_length() {
    run(async {
        let (server, client) = mock(ResponseTemplate::new(200).set_body_json(json!({}))).await;
        let text = "é".repeat(100_000).into_bytes();
        let reader = io::Cursor::new(text.clone());
        put_content(&client)
            .reader("text/plain; charset=utf-8", Some(text.len() as u64), reader)
            .send()
            .await
            .unwrap();
        let request = &server.received_requests().await.unwrap()[0];
        assert_eq!(request.body, text);
        assert_eq!(
            request.headers["content-length"],
            text.len().to_string().as_str()
        );
        assert_eq!(request.headers["content-type"], "text/plain; charset=utf-8");
    });
}

#[test]
fn a_content_type_with_a_line_break_is_refused_before_sending() {
    run(async {
        let (server, client) = mock(ResponseTemplate::new(200)).await;
        let evil = "text/plain\r\nX-Injected: 1";
        let bytes = put_content(&client).bytes(evil, b"x".to_vec()).send().await;
        let streamed = put_content(&client)
            .stream(evil, None, content_stream(10))
            .send()
            .await;
        for result in [bytes, streamed] {
            assert!(
                matches!(&result, Err(Error::InvalidRequest(message)) if !message.contains("X-Injected")),
                "{result:?}"
            );
        }
        assert!(server.received_requests().await.unwrap().is_empty());
    });
}

// ---------------------------------------------------------------------------
// Typed headers

#[test]
fn if_match_if_none_match_and_prefer_reach_the_server() {
    run(async {
        let (server, client) = mock(ResponseTemplate::new(204)).await;
        let etag = r#"W/"{6D3E1B2C-8F2A-4C1E-9A5B-3C2D1E0F9A8B},3""#;
        Node::root(&client, "v1.0")
            .literal("me")
            .literal("events")
            .value("e-1")
            .request::<NoContent>(Method::PATCH)
            .if_match("\"stale\"")
            .if_match(etag)
            .if_none_match("*")
            .prefer("return=minimal")
            .prefer(r#"outlook.timezone="Pacific Standard Time""#)
            .json(&json!({"subject": "x"}))
            .send()
            .await
            .unwrap();
        let requests = server.received_requests().await.unwrap();
        let headers = &requests[0].headers;
        let if_match: Vec<_> = headers.get_all("if-match").iter().collect();
        assert_eq!(if_match, [etag]);
        assert_eq!(headers["if-none-match"], "*");
        let prefer: Vec<_> = headers.get_all("prefer").iter().collect();
        assert_eq!(
            prefer,
            [r#"return=minimal, outlook.timezone="Pacific Standard Time""#]
        );

        // A Prefer added with `header` is joined, not duplicated.
        Node::root(&client, "v1.0")
            .literal("me")
            .literal("messages")
            .request::<NoContent>(Method::GET)
            .header("Prefer", "odata.maxpagesize=10")
            .prefer(r#"outlook.body-content-type="text""#)
            .send()
            .await
            .unwrap();
        let requests = server.received_requests().await.unwrap();
        let prefer: Vec<_> = requests[1].headers.get_all("prefer").iter().collect();
        assert_eq!(
            prefer,
            [r#"odata.maxpagesize=10, outlook.body-content-type="text""#]
        );
    });
}

#[test]
fn header_injection_through_typed_headers_is_rejected_before_sending() {
    run(async {
        let (server, client) = mock(ResponseTemplate::new(204)).await;
        let request = || {
            Node::root(&client, "v1.0")
                .literal("me")
                .request::<NoContent>(Method::PATCH)
        };
        let evil = "\"etag\"\r\nX-Injected: 1";
        for request in [
            request().if_match(evil),
            request().if_none_match(evil),
            request().prefer("return=minimal").prefer(evil),
            request().if_match("a\nb"),
            request().prefer("a\0b"),
        ] {
            let result = request.send().await;
            assert!(
                matches!(&result, Err(Error::InvalidRequest(message)) if !message.contains("X-Injected")),
                "{result:?}"
            );
        }
        assert!(server.received_requests().await.unwrap().is_empty());
    });
}
