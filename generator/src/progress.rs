//! How far a run has got: what loading and generation report, and the terminal bar that shows it.

use indicatif::{ProgressBar, ProgressStyle};
use std::time::Duration;

/// Hears how far a run has got. Every method does nothing unless overridden.
pub trait Progress: Sync {
    /// `pages` page files were found and are about to be read.
    fn reading(&self, pages: usize) {
        let _ = pages;
    }
    /// One page was read and lowered; called from the reading threads.
    fn page_read(&self) {}
    /// The pages are read; the crate is being generated and written.
    fn generating(&self) {}
}

/// Reports nowhere: for library callers that want no progress.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {}

/// A progress bar on stderr: pages read out of pages found, then a spinner while generating.
#[derive(Debug, Clone)]
pub struct Bar(ProgressBar);

impl Bar {
    /// A bar drawn on stderr when `visible` (the CLI passes whether stderr is a terminal);
    /// otherwise one that draws nothing.
    pub fn new(visible: bool) -> Self {
        Self(if visible {
            ProgressBar::new(0)
        } else {
            ProgressBar::hidden()
        })
    }

    /// Erase the bar, so that what follows on stderr starts on a clean line.
    pub fn clear(&self) {
        self.0.finish_and_clear();
    }
}

impl Progress for Bar {
    fn reading(&self, pages: usize) {
        self.0.set_style(
            ProgressStyle::with_template(
                "reading {bar:30} {human_pos}/{human_len} pages ({eta} left)",
            )
            .expect("the template is valid")
            .progress_chars("=> "),
        );
        self.0.set_length(pages as u64);
    }

    fn page_read(&self) {
        self.0.inc(1);
    }

    fn generating(&self) {
        self.0.set_style(
            ProgressStyle::with_template("{spinner} generating the crate ({elapsed})")
                .expect("the template is valid"),
        );
        self.0.enable_steady_tick(Duration::from_millis(100));
    }
}

#[cfg(test)]
mod tests {
    use super::{Bar, Progress};

    #[test]
    fn the_bar_counts_pages_read_from_many_threads() {
        let bar = Bar::new(false);
        bar.reading(1000);
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| (0..250).for_each(|_| bar.page_read()));
            }
        });
        assert_eq!((bar.0.position(), bar.0.length()), (1000, Some(1000)));
    }
}
