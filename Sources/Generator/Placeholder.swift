// Module Generator: work in progress.
