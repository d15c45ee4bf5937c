/** Bad data reaching the feed renderers: the message names the article/field so it can be fixed. */
export class FeedInputError extends Error {
  override name = "FeedInputError";
}
