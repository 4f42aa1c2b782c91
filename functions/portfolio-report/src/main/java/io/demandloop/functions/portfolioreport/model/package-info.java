/**
 * The portfolio report's content (issue 12), one record per section, in the order a reader sees them: the data the
 * JSON writes as it is, the CSV files write table by table, and the HTML templates render. Plain records: every text
 * in them is plain text (renderers escape or neutralise it), every list in a documented total order.
 */
package io.demandloop.functions.portfolioreport.model;
