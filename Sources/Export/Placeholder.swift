// Module Export: work in progress.
