/**
 * Nat-HEAR scenes: sampling rooms and positions ({@link org.nathear.tasks.spatial.scene.SceneSampler}),
 * rendering a mono source and noise into a spatial scene with the room simulator or an external set of
 * impulse responses ({@link org.nathear.tasks.spatial.scene.SceneSimulator},
 * {@link org.nathear.tasks.spatial.scene.ExternalRirSet}), the mixing modes, the output formats and the
 * per-clip seeds.
 */
package org.nathear.tasks.spatial.scene;
