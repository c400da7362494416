/// Latents in the main job's default dataset of the embedded generator, chosen by measurement (README,
/// "Measurements"): enough for the protected classifiers to reach their accuracy while sampling and training
/// stay within a minute on a 2-core machine.
public let defaultDatasetCount = 20000
