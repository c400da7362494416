// Module Reporting: work in progress.
