/**
 * The `rest-xml` serializer (botocore's RestXMLSerializer): REST bindings
 * and an XML body whose root element is the body shape's `locationName`.
 */
import type { Shape } from "../../models/shape.js";
import type { SerializerOptions } from "../common/serializer-support.js";
import { type RestBodyFormat, RestSerializer } from "../rest/serializer.js";
import { XmlWriter } from "../xml/xml-writer.js";

class XmlBody implements RestBodyFormat {
  readonly emptyBody = "";
  readonly emptyDocument = "";

  constructor(private readonly writer: XmlWriter) {}

  serializeBody(params: unknown, shape: Shape): string {
    // botocore needs a locationName here (KeyError without one); the shape's name is the sane fallback.
    const rootName = shape.serialization.name ?? shape.name;
    return this.writer.writer(shape)(params, rootName);
  }
}

/** botocore's RestXMLSerializer. */
export function createRestXmlSerializer(options: SerializerOptions = {}): RestSerializer {
  return new RestSerializer(new XmlBody(new XmlWriter(options.timestamp_precision ?? "default")), options);
}
