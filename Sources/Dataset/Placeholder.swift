// Module Dataset: work in progress.
