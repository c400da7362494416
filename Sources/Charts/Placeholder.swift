// Module Charts: work in progress.
