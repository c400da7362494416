// Module Editing: work in progress.
