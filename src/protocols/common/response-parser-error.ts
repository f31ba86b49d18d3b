/** The protocols' parse failure is botocore's ResponseParserError, from the shared hierarchy. */
export { ResponseParserError } from "../../exceptions.js";
