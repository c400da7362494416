// Module Trainer: work in progress.
