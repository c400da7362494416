// Module LatentClassifier: work in progress.
