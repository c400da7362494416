/// The seed of the editor's latent stream for a user's `seed`: high bits flipped, so that latents the editor
/// draws never coincide with those of a dataset sampled with the same small seed (no training latents are
/// edited by accident).
public func editorLatentSeed(_ seed: UInt64) -> UInt64 { seed ^ 0xED17_0000_0000_0001 }
