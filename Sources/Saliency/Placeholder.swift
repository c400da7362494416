// Module Saliency: work in progress.
