//! Contains panics raised inside third-party readers (calamine) on crafted
//! input, so that a damaged file is an error naming it (exit 2) rather than
//! an internal failure. The panic message is not printed: on these threads,
//! while a guarded call runs, the panic hook stays silent.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

static INSTALL: Once = Once::new();

/// Runs `f`; a panic inside it becomes `Err` with the panic's message.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = GUARDED.with(|g| g.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown failure".to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turns_a_panic_into_its_message() {
        assert_eq!(catch(|| 2 + 2), Ok(4));
        let r: Result<(), String> = catch(|| panic!("attempt to multiply with overflow"));
        assert_eq!(r, Err("attempt to multiply with overflow".to_owned()));
    }
}
