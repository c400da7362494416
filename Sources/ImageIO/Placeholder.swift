// Module ImageIO: work in progress.
