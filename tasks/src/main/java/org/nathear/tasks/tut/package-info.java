/**
 * The TUT Sound Events 2018 REAL localization task (real FOA recordings) and its fixture.
 */
package org.nathear.tasks.tut;
