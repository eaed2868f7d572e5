package dev.trawl.indexer.collection;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.lucene.util.BytesRef;

/** Encodes float vectors as little-endian float32 bytes for Lucene binary doc values. */
final class VectorCodec {
  private VectorCodec() {}

  static BytesRef encode(float[] v) {
    ByteBuffer buf = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(v);
    return new BytesRef(buf.array());
  }

  static float[] decode(BytesRef bytes) {
    float[] v = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
    return v;
  }
}
